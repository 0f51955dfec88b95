package dev.fabricmcp.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabricmcp.emulator.Answer;
import dev.fabricmcp.emulator.ChatScript;
import dev.fabricmcp.emulator.FabricConfig;
import dev.fabricmcp.emulator.FabricEmulator;
import dev.fabricmcp.emulator.RecordedRequest;
import dev.fabricmcp.it.support.Transport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Fabric is untrusted input, through the real process: endless and stalled answers end with an error that names
 * the limit to raise while the server keeps serving, names Fabric would read as paths never reach it, logs quote
 * names safely, configuration secrets stay hidden, and an event type of a newer Fabric does not fail a run.
 */
class UntrustedFabricIT {

    @AutoClose
    private final FabricEmulator fabric = FabricEmulator.builder().build().start();

    private Transport.Connection connect(String... args) {
        return Transport.STDIO.connect(fabric.uri().toString(), Map.of(), List.of(args));
    }

    private static List<String> texts(McpSchema.CallToolResult result) {
        return result.content().stream().map(c -> ((McpSchema.TextContent) c).text()).toList();
    }

    private static String failureOf(McpSchema.CallToolResult result) {
        assertEquals(Boolean.TRUE, result.isError(), () -> "not an error: " + texts(result));
        return texts(result).get(0);
    }

    private static void assertStillServes(Transport.Connection mcp) {
        McpSchema.CallToolResult models = mcp.session().call("fabric_list_models", Map.of());
        assertFalse(Boolean.TRUE.equals(models.isError()), () -> texts(models).toString());
    }

    @Test
    void anEndlessBodyOnAGetRouteStopsAtTheSizeLimit() {
        fabric.answer("GET", "/patterns/names", Answer.json("[").thenEndlessly("\"" + "x".repeat(8000) + "\","));
        try (Transport.Connection mcp = connect("--fabric-max-response", "1m")) {
            String message = failureOf(mcp.session().call("fabric_list_patterns", Map.of()));
            assertEquals("The answer from Fabric at " + fabric.uri() + "/patterns/names is longer than 1 MiB, the"
                    + " most fabric-mcp reads, so it was cut off there. If an answer that long is expected, raise"
                    + " --fabric-max-response (or FABRIC_MCP_FABRIC_MAX_RESPONSE); otherwise check that"
                    + " FABRIC_BASE_URL points at `fabric --serve`.", message);
            assertStillServes(mcp);
        }
    }

    @Test
    void aGetWhoseBodyStallsEndsAtTheRequestTimeout() {
        fabric.answer("GET", "/strategies", Answer.json("[\"summ").thenSilence());
        try (Transport.Connection mcp = connect("--fabric-request-timeout", "2s")) {
            String message = failureOf(mcp.session().call("fabric_list_strategies", Map.of()));
            assertEquals("Fabric at " + fabric.uri() + "/strategies did not send its whole answer within 2 seconds."
                    + " Fabric accepted the connection but is slow or stuck: its log may say why. To wait longer,"
                    + " raise --fabric-request-timeout (or FABRIC_MCP_FABRIC_REQUEST_TIMEOUT).", message);
            assertStillServes(mcp);
        }
    }

    @Test
    void aChatThatAnswersAnErrorThenGoesSilentEndsAtTheFabricTimeout() {
        fabric.answer("POST", "/chat", Answer.json(500, "{\"error\": \"mod").thenSilence());
        try (Transport.Connection mcp = connect("--fabric-timeout", "2s")) {
            String message = failureOf(mcp.session().call("fabric_run_pattern",
                    Map.of("pattern_name", "summarize", "input_text", "x")));
            assertEquals("Fabric at " + fabric.uri() + "/chat answered HTTP 500: (then nothing for 2 seconds instead"
                    + " of its error message). Fabric's own log has the details.", message);
        }
    }

    @Test
    void anEndlessErrorOnChatIsCutAndReported() {
        fabric.answer("POST", "/chat", Answer.status(500).header("Content-Type", "text/plain")
                .thenEndlessly("x".repeat(8000)));
        try (Transport.Connection mcp = connect()) {
            String message = failureOf(mcp.session().call("fabric_run_pattern",
                    Map.of("pattern_name", "summarize", "input_text", "x")));
            assertTrue(message.startsWith("Fabric at " + fabric.uri() + "/chat answered HTTP 500: xxxx"), message);
            assertTrue(message.length() < 3000, "only the start of the error is quoted");
            assertStillServes(mcp);
        }
    }

    @Test
    void anOverlongAnswerWithoutStreamingKeepsWhatFits() {
        fabric.script("summarize", ChatScript.builder().series(100_000, Duration.ZERO, "y".repeat(40)).build());
        try (Transport.Connection mcp = connect("--fabric-max-response", "1m")) {
            McpSchema.CallToolResult result = mcp.session().call("fabric_run_pattern",
                    Map.of("pattern_name", "summarize", "input_text", "x", "stream", false));
            String message = failureOf(result);
            assertTrue(message.startsWith("The answer from Fabric at " + fabric.uri() + "/chat is longer than 1 MiB"),
                    message);
            assertTrue(message.contains("--fabric-max-response"), message);
            String partial = texts(result).get(1);
            assertTrue(partial.startsWith("[partial output: the "), partial.substring(0, 80));
            assertTrue(partial.length() > 300_000, "what fitted is kept: " + partial.length() + " characters");
        }
    }

    @Test
    void namesFabricWouldReadAsPathsNeverReachIt() {
        List<Map<String, Object>> attempts = List.of(
                Map.of("pattern_name", "/etc/passwd"),
                Map.of("pattern_name", "~/.config/fabric/.env"),
                Map.of("pattern_name", "../../../etc/passwd"),
                Map.of("pattern_name", "\\\\server\\share"),
                Map.of("pattern_name", "summarize", "context_name", "../../../../etc/passwd"),
                Map.of("pattern_name", "summarize", "session_name", "../../../../tmp/owned"),
                Map.of("pattern_name", "summarize", "strategy_name", "../../x"),
                Map.of("pattern_name", "summarize", "session_name", ".hidden"));
        try (Transport.Connection mcp = connect()) {
            for (Map<String, Object> arguments : attempts) {
                String message = failureOf(mcp.session().call("fabric_run_pattern", arguments));
                assertTrue(message.contains(" name must not "), message);
            }
            assertEquals(List.of(), fabric.requests().stream().map(RecordedRequest::path).toList(),
                    "no request reached Fabric");
        }
    }

    @Test
    void logsQuoteNamesEscapedAndShort() {
        try (Transport.Connection mcp = connect()) {
            failureOf(mcp.session().call("fabric_run_pattern", Map.of("pattern_name", "x\r\nX-Evil: 1")));
            failureOf(mcp.session().call("fabric_get_pattern_details", Map.of("pattern_name", "x\nX-Evil: 2")));
            failureOf(mcp.session().call("fabric_run_pattern", Map.of("pattern_name", "n".repeat(10_000_000))));
            assertStillServes(mcp);
            List<String> stderr = mcp.server().stderr();
            assertEquals(List.of(), stderr.stream().filter(line -> line.startsWith("X-Evil")).toList(),
                    "forged log lines");
            long logged = stderr.stream().mapToLong(String::length).sum();
            assertTrue(logged < 100_000, "a 10 MB name wrote " + logged + " characters of log");
        }
    }

    @Test
    void configurationSecretsStayHiddenWhateverTheirShape() {
        fabric.config(FabricConfig.clear(Map.of("openai", "sk-SECRET-1",
                "ollama", "http://user:SECRET2@my_host:11434", "lmstudio", "key:SECRET3")));
        try (Transport.Connection mcp = connect()) {
            McpSchema.CallToolResult result = mcp.session().call("fabric_get_configuration", Map.of());
            assertFalse(Boolean.TRUE.equals(result.isError()), () -> texts(result).toString());
            String shown = texts(result) + " " + result.structuredContent();
            assertFalse(shown.contains("SECRET"), shown);
            assertTrue(shown.contains("http://my_host:11434"), shown);
        }
    }

    @Test
    void anEventTypeOfANewerFabricIsSkipped() {
        fabric.script("summarize", ChatScript.builder().content("Hel")
                .raw("data: {\"type\":\"reasoning\",\"content\":\"hm\"}\n\n").content("lo").build());
        try (Transport.Connection mcp = connect()) {
            McpSchema.CallToolResult result = mcp.session().call("fabric_run_pattern",
                    Map.of("pattern_name", "summarize", "input_text", "x"));
            assertFalse(Boolean.TRUE.equals(result.isError()), () -> texts(result).toString());
            assertEquals("Hello", texts(result).get(0));
        }
    }
}
