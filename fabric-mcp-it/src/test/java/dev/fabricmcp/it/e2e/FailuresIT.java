package dev.fabricmcp.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabricmcp.it.emulator.ChatScript;
import dev.fabricmcp.it.emulator.FabricEmulator;
import dev.fabricmcp.it.support.Transport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every failure scenario through the real process: an isError result that says what happened and what to do, and
 * that keeps, labelled as partial, what Fabric had sent before it failed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailuresIT {

    private FabricEmulator fabric;
    private final Map<Transport, Transport.Connection> connections = new EnumMap<>(Transport.class);

    @BeforeAll
    void start() {
        fabric = FabricEmulator.builder()
                .script("errors", ChatScript.errorAfter("POST \"http://llm/chat/completions\": 500 Internal Server "
                        + "Error", "The first ", "half"))
                .script("cuts", ChatScript.cutAfter("Cut ", "short"))
                .script("garbles", ChatScript.malformedEventAfter("Before ", "garbage"))
                .script("trails_off", ChatScript.withoutComplete("No ", "end"))
                .build().start();
        for (Transport transport : Transport.values()) {
            connections.put(transport, transport.connect(fabric.uri().toString()));
        }
    }

    @AfterAll
    void stop() {
        connections.values().forEach(Transport.Connection::close);
        fabric.close();
    }

    private String failure(Transport transport, String pattern, boolean stream) {
        McpSchema.CallToolResult result = connections.get(transport).session().callWithProgress("fabric_run_pattern",
                Map.of("pattern_name", pattern, "input_text", "x", "stream", stream), "f-" + pattern)
                .block(Duration.ofSeconds(30));
        assertEquals(Boolean.TRUE, result.isError(), () -> Texts.of(result));
        return Texts.of(result);
    }

    private static void assertPartial(String text, String partial) {
        assertTrue(text.contains("[partial output: the " + partial.length() + " characters Fabric sent before the "
                + "failure]\n" + partial), text);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anErrorInTheMiddleOfTheStreamKeepsWhatCameBefore(Transport transport) {
        for (boolean stream : List.of(true, false)) {
            String text = failure(transport, "errors", stream);
            assertTrue(text.startsWith("Fabric reported an error: Error: POST \"http://llm/chat/completions\": 500"),
                    text);
            assertPartial(text, "The first half");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aCutConnectionSaysSoAndKeepsWhatCameBefore(Transport transport) {
        String text = failure(transport, "cuts", true);
        assertTrue(text.contains("was lost in the middle of the stream"), text);
        assertTrue(text.contains("Check that `fabric --serve` is still running"), text);
        assertPartial(text, "Cut short");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aMalformedEventStopsTheRunAndShowsIt(Transport transport) {
        String text = failure(transport, "garbles", false);
        assertTrue(text.contains("sent an event that is not valid"), text);
        assertTrue(text.contains("{\"type\":\"content\","), text);
        assertPartial(text, "Before garbage");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aStreamWithoutCompleteIsReportedAsCutShort(Transport transport) {
        String text = failure(transport, "trails_off", true);
        assertTrue(text.contains("ended without Fabric's 'complete' event"), text);
        assertPartial(text, "No end\n"); // the words, and the "\n" OpenAI-style vendors end with
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anUnknownPatternPointsToTheListOfPatterns(Transport transport) {
        String text = failure(transport, "no_such_pattern", true);
        assertEquals("Fabric reported an error: Error: could not get pattern no_such_pattern: pattern "
                + "'no_such_pattern' not found. Run 'fabric -l' to see available patterns. Call fabric_list_patterns "
                + "to see the patterns Fabric has.", text);
        McpSchema.CallToolResult details = connections.get(transport).session().call("fabric_get_pattern_details",
                Map.of("pattern_name", "no_such_pattern"));
        assertTrue(details.isError());
        assertTrue(Texts.of(details).contains("pattern 'no_such_pattern' not found"), Texts.of(details));
        assertTrue(Texts.of(details).contains("fabric_list_patterns"), Texts.of(details));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void badArgumentsNameTheParameterTheValueAndTheRange(Transport transport) {
        McpSchema.CallToolResult result = connections.get(transport).session().call("fabric_run_pattern",
                Map.of("pattern_name", "summarize", "temperature", 3));
        assertTrue(result.isError());
        assertEquals("temperature must be a number from 0 to 2 (inclusive), got 3.", Texts.of(result));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anUnreachableFabricSaysWhereAndHowToStartIt(Transport transport) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;
        try (Transport.Connection mcp = transport.connect(url)) {
            for (String tool : List.of("fabric_list_patterns", "fabric_run_pattern")) {
                McpSchema.CallToolResult result = mcp.session().call(tool, tool.equals("fabric_run_pattern")
                        ? Map.of("pattern_name", "summarize", "stream", true) : Map.of());
                assertTrue(result.isError(), tool);
                String text = Texts.of(result);
                assertTrue(text.startsWith("Fabric is not reachable at " + url + "/"), text);
                assertTrue(text.contains("connection refused"), text);
                assertTrue(text.contains("Start Fabric with `fabric --serve`"), text);
            }
        }
    }
}
