package dev.fabricmcp.core.tools;

import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.core.call.FabricTool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Every tool fabric-mcp offers, built over one {@link FabricClient}. */
public final class FabricTools {

    private final FabricClient fabric;
    private final Duration heartbeat;

    public FabricTools(FabricClient fabric, Duration heartbeat) {
        this.fabric = fabric;
        this.heartbeat = heartbeat;
    }

    /** The tools, in the order clients list them (the same order on every call: clients may cache the list). */
    public List<FabricTool> specifications() {
        List<FabricTool> tools = new ArrayList<>();
        List<FabricTool> catalog = new CatalogTools(fabric).specifications();
        tools.add(catalog.get(0));
        tools.add(catalog.get(1));
        tools.add(new RunPatternTool(fabric, heartbeat).specification());
        tools.addAll(catalog.subList(2, catalog.size()));
        tools.add(new ConfigurationTool(fabric).specification());
        return List.copyOf(tools);
    }
}
