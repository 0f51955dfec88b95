package dev.fabricmcp.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabricmcp.emulator.ChatScript;
import dev.fabricmcp.emulator.FabricEmulator;
import dev.fabricmcp.core.testing.McpSession;
import dev.fabricmcp.it.support.Transport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a run can fail, through the real process over both transports, streamed and not: the result is an
 * {@code isError} result whose first text says what happened and what to do, and whose second text, when Fabric had
 * sent anything, is that partial output, labelled as partial. A streamed run has also relayed the same partial
 * output as progress before the failure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailuresIT {

    private static final Duration PROGRESS_WAIT = Duration.ofSeconds(5);
    /** What an OpenAI-compatible vendor's failure looks like in Fabric's error event (fabric-rest-api.md §4.4). */
    private static final String LLM_FAILURE = "POST \"http://127.0.0.1:4010/chat/completions\": 500 Internal Server Error";

    private FabricEmulator fabric;
    private String unreachableUrl;
    private final Map<Transport, Transport.Connection> connections = new EnumMap<>(Transport.class);
    private final Map<Transport, Transport.Connection> unreachable = new EnumMap<>(Transport.class);

    @BeforeAll
    void startFabric() throws IOException {
        fabric = FabricEmulator.builder()
                .script("fails_midway", ChatScript.errorAfter(LLM_FAILURE, "Partial ", "answer "))
                .script("cut_midway", ChatScript.cutAfter("Cut ", "short "))
                .script("malformed_midway", ChatScript.malformedEventAfter("Before ", "the bad event "))
                .script("never_completes", ChatScript.withoutComplete("Whole ", "answer"))
                .build().start();
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            unreachableUrl = "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    @AfterAll
    void stopAll() {
        Stream.concat(connections.values().stream(), unreachable.values().stream()).forEach(Transport.Connection::close);
        fabric.close();
    }

    /** One fabric-mcp per transport for the whole class: failures must not spoil the session. */
    private McpSession session(Transport transport) {
        return connections.computeIfAbsent(transport, t -> t.connect(fabric.uri().toString())).session();
    }

    static Stream<Arguments> transportsAndStreaming() {
        return Stream.of(Transport.values())
                .flatMap(t -> Stream.of(Arguments.of(t, false), Arguments.of(t, true)));
    }

    /** Runs a pattern; with {@code stream} it asks for progress with a token of its own and returns it too. */
    private record Run(McpSchema.CallToolResult result, String token) {
    }

    private Run run(Transport transport, boolean stream, String pattern, String input) {
        McpSession session = session(transport);
        Map<String, Object> arguments = Map.of("pattern_name", pattern, "input_text", input, "stream", stream);
        if (!stream) {
            return new Run(session.call("fabric_run_pattern", arguments), null);
        }
        String token = pattern + "-" + transport;
        McpSchema.CallToolResult result = session.callWithProgress("fabric_run_pattern", arguments, token)
                .block(Duration.ofSeconds(60));
        return new Run(result, token);
    }

    private String chatUrl() {
        return fabric.uri() + "/chat";
    }

    private static List<String> texts(McpSchema.CallToolResult result) {
        return result.content().stream().map(c -> ((McpSchema.TextContent) c).text()).toList();
    }

    /**
     * The failure's shape: isError, the message first, then the partial output with its label; and for a streamed
     * run, the same partial output relayed as progress.
     */
    private void assertFailure(Transport transport, Run run, Function<String, String> messageCheck, String partial) {
        McpSchema.CallToolResult result = run.result();
        assertEquals(Boolean.TRUE, result.isError(), () -> "not an error: " + Texts.of(result));
        List<String> texts = texts(result);
        String problem = messageCheck.apply(texts.get(0));
        assertTrue(problem == null, () -> problem + "\nwhole result: " + texts);
        if (partial.isEmpty()) {
            assertEquals(1, texts.size(), () -> "no partial output expected: " + texts);
        } else {
            assertEquals(2, texts.size(), () -> "the message, then the partial output: " + texts);
            assertEquals("[partial output: the " + partial.length() + " characters Fabric sent before the failure]\n"
                    + partial, texts.get(1));
            assertEquals(Map.of("error", texts.get(0), "partial_output_text", partial), result.structuredContent(),
                    "the same for programs");
        }
        if (run.token() != null) {
            assertEquals(partial, Progress.text(session(transport), run.token(), partial, PROGRESS_WAIT),
                    "the chunks relayed before the failure");
        }
    }

    private static Function<String, String> equalTo(String expected) {
        return actual -> expected.equals(actual) ? null : "expected the message\n  " + expected + "\nbut got\n  " + actual;
    }

    private static Function<String, String> framedBy(String start, String end) {
        return actual -> actual.startsWith(start) && actual.endsWith(end) ? null
                : "expected a message starting\n  " + start + "\nand ending\n  " + end + "\nbut got\n  " + actual;
    }

    @ParameterizedTest(name = "{0}, stream={1}")
    @MethodSource("transportsAndStreaming")
    void anErrorEventMidStreamGivesFabricsTextAndThePartialOutput(Transport transport, boolean stream) {
        Run run = run(transport, stream, "fails_midway", "error " + transport + stream);
        assertFailure(transport, run, equalTo("Fabric reported an error: Error: " + LLM_FAILURE + "."), "Partial answer ");
    }

    @ParameterizedTest(name = "{0}, stream={1}")
    @MethodSource("transportsAndStreaming")
    void aCutConnectionSaysSoAndKeepsThePartialOutput(Transport transport, boolean stream) {
        Run run = run(transport, stream, "cut_midway", "cut " + transport + stream);
        assertFailure(transport, run, framedBy("The connection to " + chatUrl() + " was lost in the middle of the stream: ",
                ". Check that `fabric --serve` is still running."), "Cut short ");
    }

    @ParameterizedTest(name = "{0}, stream={1}")
    @MethodSource("transportsAndStreaming")
    void aMalformedEventStopsTheRunAndKeepsThePartialOutput(Transport transport, boolean stream) {
        Run run = run(transport, stream, "malformed_midway", "malformed " + transport + stream);
        Function<String, String> framed = framedBy("Fabric at " + chatUrl() + " sent an event that is not valid: ",
                ". The run was stopped; is Fabric up to date?");
        assertFailure(transport, run, message -> framed.apply(message) != null ? framed.apply(message)
                : message.contains("{\"type\":\"content\",") ? null : "the raw event is missing: " + message,
                "Before the bad event ");
    }

    @ParameterizedTest(name = "{0}, stream={1}")
    @MethodSource("transportsAndStreaming")
    void aStreamWithoutCompleteIsReportedAsPossiblyCutShort(Transport transport, boolean stream) {
        Run run = run(transport, stream, "never_completes", "incomplete " + transport + stream);
        assertFailure(transport, run, equalTo("The stream from " + chatUrl() + " ended without Fabric's 'complete'"
                + " event: the answer may be cut short. Fabric's log may say why."), "Whole answer\n");
    }

    @ParameterizedTest(name = "{0}, stream={1}")
    @MethodSource("transportsAndStreaming")
    void anUnknownPatternPointsToFabricListPatterns(Transport transport, boolean stream) {
        Run run = run(transport, stream, "no_such_pattern", "unknown " + transport + stream);
        assertFailure(transport, run, equalTo("Fabric reported an error: Error: could not get pattern no_such_pattern:"
                + " pattern 'no_such_pattern' not found. Run 'fabric -l' to see available patterns. Call"
                + " fabric_list_patterns to see the patterns Fabric has."), "");
        if (!stream) {
            McpSchema.CallToolResult details = session(transport).call("fabric_get_pattern_details",
                    Map.of("pattern_name", "no_such_pattern"));
            assertFailure(transport, new Run(details, null), framedBy("Fabric has no such item at " + fabric.uri()
                    + "/patterns/no_such_pattern (Fabric said: ", "). Call fabric_list_patterns to see the patterns"
                    + " Fabric has."), "");
        }
    }

    @ParameterizedTest(name = "{0}, stream={1}")
    @MethodSource("transportsAndStreaming")
    void aTemperatureOutOfRangeIsRefusedWithThePreciseMessage(Transport transport, boolean stream) {
        int chatsBefore = fabric.chats().size();
        Map<String, Object> arguments = Map.of("pattern_name", "summarize", "input_text", "too hot",
                "stream", stream, "temperature", 3);
        McpSchema.CallToolResult result = stream
                ? session(transport).callWithProgress("fabric_run_pattern", arguments, "too-hot")
                        .block(Duration.ofSeconds(60))
                : session(transport).call("fabric_run_pattern", arguments);
        assertFailure(transport, new Run(result, stream ? "too-hot" : null),
                equalTo("temperature must be a number from 0 to 2 (inclusive), got 3."), "");
        assertEquals(chatsBefore, fabric.chats().size(), "the refused call never reached Fabric");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anUnreachableFabricIsNamedWithItsUrlAndHowToStartIt(Transport transport) {
        McpSession session = unreachable.computeIfAbsent(transport, t -> t.connect(unreachableUrl)).session();
        String howToStart = ". Start Fabric with `fabric --serve`, or point fabric-mcp at it with FABRIC_BASE_URL"
                + " (or --fabric-url).";

        McpSchema.CallToolResult listed = session.call("fabric_list_patterns", Map.of());
        assertFailure(transport, new Run(listed, null),
                equalTo("Fabric is not reachable at " + unreachableUrl + "/patterns/names: connection refused"
                        + howToStart), "");

        for (boolean stream : new boolean[] {false, true}) {
            Map<String, Object> arguments = Map.of("pattern_name", "summarize", "input_text", "hello", "stream", stream);
            McpSchema.CallToolResult ran = stream
                    ? session.callWithProgress("fabric_run_pattern", arguments, "unreachable").block(Duration.ofSeconds(60))
                    : session.call("fabric_run_pattern", arguments);
            assertFailure(transport, new Run(ran, null),
                    equalTo("Fabric is not reachable at " + unreachableUrl + "/chat: connection refused" + howToStart), "");
        }
        var relayed = session.drainProgress().stream().filter(p -> Progress.isContent(p.notification())).toList();
        assertTrue(relayed.isEmpty(), () -> "nothing to relay, yet got " + relayed);
    }
}
