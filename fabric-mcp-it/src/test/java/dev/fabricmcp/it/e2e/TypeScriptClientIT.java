package dev.fabricmcp.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fabricmcp.emulator.ChatScript;
import dev.fabricmcp.emulator.FabricEmulator;
import dev.fabricmcp.it.support.FabricMcpProcess;
import dev.fabricmcp.it.support.NodeClients;
import dev.fabricmcp.it.support.NodeRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An independent client, the official TypeScript SDK ({@code @modelcontextprotocol/sdk}) on Node 22, makes one
 * streaming call with an {@code onprogress} handler over each transport: progress must arrive before the result.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TypeScriptClientIT {

    private static final Duration GAP = Duration.ofMillis(250);
    private static final String ARGUMENTS =
            "{\"pattern_name\":\"summarize\",\"input_text\":\"from TypeScript\",\"stream\":true}";

    private FabricEmulator fabric;
    private Path probe;

    @BeforeAll
    void start() {
        probe = NodeClients.script("probe.mjs");
        fabric = FabricEmulator.builder()
                .script("summarize", ChatScript.answerWithDelay(GAP, "one ", "two ", "three"))
                .build().start();
    }

    @AfterAll
    void stop() {
        fabric.close();
    }

    @Test
    void receivesProgressBeforeTheResultOverHttp() {
        try (FabricMcpProcess server = FabricMcpProcess.startHttp(List.of(),
                Map.of("FABRIC_BASE_URL", fabric.uri().toString()))) {
            NodeRun run = NodeRun.run(List.of(probe.toString(), server.endpoint().toString(), "fabric_run_pattern",
                    ARGUMENTS), Map.of(), Duration.ofSeconds(60));
            assertStreamedBeforeTheResult(run);
        }
    }

    @Test
    void receivesProgressBeforeTheResultOverStdio() {
        List<String> arguments = new ArrayList<>(List.of(probe.toString(), "stdio", "fabric_run_pattern", ARGUMENTS,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                FabricMcpProcess.jar().toString()));
        NodeRun run = NodeRun.run(arguments, Map.of("FABRIC_BASE_URL", fabric.uri().toString()),
                Duration.ofSeconds(60));
        assertStreamedBeforeTheResult(run);
    }

    private static void assertStreamedBeforeTheResult(NodeRun run) {
        assertEquals(0, run.exitCode(), run.output());
        JsonObject summary = JsonParser.parseString(run.lastLine()).getAsJsonObject();
        JsonArray progress = summary.getAsJsonArray("progress");
        List<String> messages = new ArrayList<>();
        progress.forEach(p -> messages.add(p.getAsJsonObject().get("message").getAsString()));
        // The words, Fabric's usage report, then the "\n" Fabric's OpenAI-compatible vendors end with.
        assertEquals(List.of("one ", "two ", "three"), messages.subList(0, 3), run.output());
        assertTrue(messages.get(3).startsWith("tokens: "), run.output());
        assertEquals("\n", messages.get(4), run.output());
        double firstAt = progress.get(0).getAsJsonObject().get("at").getAsDouble();
        double resultAt = summary.get("resultAt").getAsDouble();
        // Two more chunks, 250 ms apart, were still to come when the first arrived.
        assertTrue(firstAt + 2 * GAP.toMillis() * 0.8 < resultAt,
                "first progress at " + firstAt + " ms, result at " + resultAt + " ms");
        assertFalse(summary.get("isError").getAsBoolean(), run.output());
        assertEquals("one two three\n", summary.get("text").getAsString());
    }
}
