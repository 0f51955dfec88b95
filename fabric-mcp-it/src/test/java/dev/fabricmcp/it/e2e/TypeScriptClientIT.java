package dev.fabricmcp.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fabricmcp.emulator.FabricEmulator;
import dev.fabricmcp.it.support.FabricMcpProcess;
import dev.fabricmcp.it.support.NodeClients;
import dev.fabricmcp.it.support.NodeRun;
import dev.fabricmcp.it.support.ReleaseGate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Independent clients, the official TypeScript SDKs on Node 22, make one streaming call with an {@code onprogress}
 * handler over each transport: progress must arrive before the result. The v1 SDK ({@code @modelcontextprotocol/sdk})
 * speaks the legacy era (initialize, 2025-11-25); the v2 client ({@code @modelcontextprotocol/client} 2.4.0) is
 * pinned to 2026-07-28 or left to pick ({@code auto}), and must settle on the modern era. Fabric holds its answer
 * after the first chunk until the client has seen it ({@link ReleaseGate}), so the order is proven, not timed.
 */
class TypeScriptClientIT {

    private static final String ARGUMENTS =
            "{\"pattern_name\":\"summarize\",\"input_text\":\"from TypeScript\",\"stream\":true}";
    private static final Path PROBE = NodeClients.script("probe.mjs");
    private static final Path PROBE_V2 = NodeClients.script("probe-v2.mjs");

    @AutoClose
    private final ReleaseGate gate = new ReleaseGate();
    @AutoClose
    private final FabricEmulator fabric = FabricEmulator.builder()
            .script("summarize", gate.answer("one ", "two ", "three"))
            .build().start();

    @Test
    void receivesProgressBeforeTheResultOverHttp() {
        try (FabricMcpProcess server = FabricMcpProcess.startHttp(List.of(),
                Map.of("FABRIC_BASE_URL", fabric.uri().toString()))) {
            NodeRun run = NodeRun.run(List.of(PROBE.toString(), server.endpoint().toString(), "fabric_run_pattern",
                    ARGUMENTS), gate.environment(), Duration.ofSeconds(60));
            assertStreamedBeforeTheResult(run);
        }
    }

    @Test
    void receivesProgressBeforeTheResultOverStdio() {
        List<String> arguments = new ArrayList<>(List.of(PROBE.toString(), "stdio", "fabric_run_pattern", ARGUMENTS,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                FabricMcpProcess.jar().toString()));
        NodeRun run = NodeRun.run(arguments, withFabric(gate.environment()), Duration.ofSeconds(60));
        assertStreamedBeforeTheResult(run);
    }

    @ParameterizedTest(name = "v2 client, {0}, over HTTP")
    @ValueSource(strings = {"pin", "auto"})
    void aModernClientStreamsOverHttp(String mode) {
        try (FabricMcpProcess server = FabricMcpProcess.startHttp(List.of(),
                Map.of("FABRIC_BASE_URL", fabric.uri().toString()))) {
            NodeRun run = NodeRun.run(List.of(PROBE_V2.toString(), mode, server.endpoint().toString(),
                    "fabric_run_pattern", ARGUMENTS), gate.environment(), Duration.ofSeconds(60));
            assertStreamedBeforeTheResult(run);
            assertModern(run);
        }
    }

    @ParameterizedTest(name = "v2 client, {0}, over stdio")
    @ValueSource(strings = {"pin", "auto"})
    void aModernClientStreamsOverStdio(String mode) {
        List<String> arguments = new ArrayList<>(List.of(PROBE_V2.toString(), mode, "stdio", "fabric_run_pattern",
                ARGUMENTS, Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                FabricMcpProcess.jar().toString()));
        NodeRun run = NodeRun.run(arguments, withFabric(gate.environment()), Duration.ofSeconds(60));
        assertStreamedBeforeTheResult(run);
        assertModern(run);
    }

    private static void assertModern(NodeRun run) {
        JsonObject summary = JsonParser.parseString(run.lastLine()).getAsJsonObject();
        assertEquals("2026-07-28", summary.get("version").getAsString(), run.output());
    }

    private Map<String, String> withFabric(Map<String, String> environment) {
        Map<String, String> all = new HashMap<>(environment);
        all.put("FABRIC_BASE_URL", fabric.uri().toString());
        return all;
    }

    private void assertStreamedBeforeTheResult(NodeRun run) {
        assertEquals(0, run.exitCode(), run.output());
        JsonObject summary = JsonParser.parseString(run.lastLine()).getAsJsonObject();
        JsonArray progress = summary.getAsJsonArray("progress");
        List<String> messages = new ArrayList<>();
        progress.forEach(p -> messages.add(p.getAsJsonObject().get("message").getAsString()));
        // The words, Fabric's usage report, then the "\n" Fabric's OpenAI-compatible vendors end with.
        assertEquals(List.of("one ", "two ", "three"), messages.subList(0, 3), run.output());
        assertTrue(messages.get(3).startsWith("tokens: "), run.output());
        assertEquals("\n", messages.get(4), run.output());
        // Fabric wrote "two " only after the client, on its first progress, requested the gate.
        assertTrue(gate.released(), run.output());
        assertFalse(summary.get("isError").getAsBoolean(), run.output());
        assertEquals("one two three\n", summary.get("text").getAsString());
    }
}
