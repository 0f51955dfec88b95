package dev.fabricmcp.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fabricmcp.emulator.FabricEmulator;
import dev.fabricmcp.it.support.Transport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code --log-format json}: every stderr line is one JSON object, and a run's lines name its pattern. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonLogsIT {

    private static final String KEY = "json-logs-it-key";

    @AutoClose
    private final FabricEmulator fabric = FabricEmulator.builder().apiKey(KEY).wordDelay(Duration.ofMillis(1))
            .build().start();

    @ParameterizedTest
    @EnumSource(Transport.class)
    void everyStderrLineIsAJsonObjectAndARunsLinesCarryItsContext(Transport transport) {
        try (Transport.Connection mcp = transport.connect(fabric.uri().toString(), Map.of("FABRIC_API_KEY", KEY),
                List.of("--log-format", "json"))) {
            McpSchema.CallToolResult ran = mcp.session().call("fabric_run_pattern",
                    Map.of("pattern_name", "summarize", "input_text", "log this run"));
            assertFalse(Boolean.TRUE.equals(ran.isError()));
            String runLine = mcp.server().awaitStderr("fabric_run_pattern summarize (not streamed): done",
                    Duration.ofSeconds(30));

            for (String line : mcp.server().stderr()) {
                JsonObject json = JsonParser.parseString(line).getAsJsonObject();
                for (String field : List.of("timestamp", "level", "logger", "message")) {
                    assertTrue(json.has(field), field + " missing in " + line);
                }
                assertFalse(line.contains(KEY), "the API key never shows: " + line);
            }
            JsonObject run = JsonParser.parseString(runLine).getAsJsonObject();
            assertEquals("INFO", run.get("level").getAsString());
            assertEquals("dev.fabricmcp.core.tools.RunPatternTool", run.get("logger").getAsString());
            assertEquals("summarize", run.get("pattern").getAsString());
            if (transport == Transport.HTTP) {
                assertTrue(run.has("request_id") && run.has("session"), runLine);
            }
        }
    }
}
