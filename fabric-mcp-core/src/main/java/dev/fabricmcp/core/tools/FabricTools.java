package dev.fabricmcp.core.tools;

import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.core.cancel.RunningCalls;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Every tool fabric-mcp offers, built over one {@link FabricClient}. */
public final class FabricTools {

    private final FabricClient fabric;
    private final RunningCalls runningCalls;
    private final Duration heartbeat;

    public FabricTools(FabricClient fabric, RunningCalls runningCalls, Duration heartbeat) {
        this.fabric = fabric;
        this.runningCalls = runningCalls;
        this.heartbeat = heartbeat;
    }

    /** The tool specifications, in the order clients list them. */
    public List<AsyncToolSpecification> specifications() {
        List<AsyncToolSpecification> tools = new ArrayList<>();
        List<AsyncToolSpecification> catalog = new CatalogTools(fabric).specifications();
        tools.add(catalog.get(0));
        tools.add(catalog.get(1));
        tools.add(new RunPatternTool(fabric, runningCalls, heartbeat).specification());
        tools.addAll(catalog.subList(2, catalog.size()));
        tools.add(new ConfigurationTool(fabric).specification());
        return List.copyOf(tools);
    }
}
