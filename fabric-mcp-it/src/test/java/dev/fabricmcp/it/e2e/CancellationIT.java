package dev.fabricmcp.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabricmcp.emulator.ChatOutcome;
import dev.fabricmcp.emulator.ChatScript;
import dev.fabricmcp.emulator.FabricEmulator;
import dev.fabricmcp.emulator.RecordedChat;
import dev.fabricmcp.it.support.FabricMcpProcess;
import dev.fabricmcp.core.testing.McpSession;
import dev.fabricmcp.it.support.Transport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.Disposable;

/**
 * Every way a client stops a run reaches Fabric at once: the {@code /chat} request is aborted, which is what stops
 * the model. Fabric here is a long, slow stream (a chunk every 50 ms for minutes) so the emulator, which only
 * notices a client that left when it next writes, notices within 50-100 ms. Each time is measured from the moment
 * the client acted to the moment the emulator saw its client go, and must stay under a second.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CancellationIT {

    private static final String PATTERN = "endless";
    private static final Duration LIMIT = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @AutoClose
    private final FabricEmulator fabric = FabricEmulator.builder()
            .script(PATTERN, ChatScript.slowStream(4_000, Duration.ofMillis(50))) // 200 s unless stopped
            .wordDelay(Duration.ofMillis(1))
            .build().start();

    private static Map<String, Object> endlessRun(String input) {
        return Map.of("pattern_name", PATTERN, "input_text", input, "stream", true);
    }

    /**
     * A run under way on its own connection to fabric-mcp: Fabric's side of it, and the call, whose first chunk has
     * reached the client. Closing it drops the call and the connection.
     */
    private record Running(Transport.Connection mcp, RecordedChat chat, Disposable call) implements AutoCloseable {
        McpSession session() {
            return mcp.session();
        }

        @Override
        public void close() {
            call.dispose();
            mcp.close();
        }
    }

    /** Connects over {@code transport}, starts the endless run and waits until its first chunk reached the client. */
    private Running startRun(Transport transport, String input) throws Exception {
        Transport.Connection mcp = transport.connect(fabric.uri().toString());
        try {
            CompletableFuture<RecordedChat> next = fabric.nextChat();
            Disposable call = mcp.session().callWithProgress("fabric_run_pattern", endlessRun(input), input)
                    .subscribe(result -> { }, failure -> { });
            RecordedChat chat = next.get(10, TimeUnit.SECONDS);
            McpSchema.ProgressNotification first = mcp.session().nextProgress(WAIT).notification();
            assertEquals(input, first.progressToken());
            assertEquals("chunk 0\n", first.message());
            assertFalse(chat.clientGoneAt().isPresent(), "Fabric is still streaming");
            return new Running(mcp, chat, call);
        } catch (Exception | AssertionError e) {
            mcp.close();
            throw e;
        }
    }

    /** Waits for the emulator to see its client go; returns the time since {@code actedAt}. */
    private static Duration disconnectDelay(RecordedChat chat, Instant actedAt, String what) throws Exception {
        Instant goneAt = chat.clientGone().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Duration delay = Duration.between(actedAt, goneAt);
        System.out.println("[CancellationIT] " + what + ": Fabric saw its client go " + delay.toMillis()
                + " ms after the client acted");
        assertEquals(ChatOutcome.CLIENT_GONE, chat.finished().get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(delay.compareTo(LIMIT) < 0, () -> what + ": Fabric saw its client go only after "
                + delay.toMillis() + " ms (limit " + LIMIT.toMillis() + " ms)");
        return delay;
    }

    private static void assertStillAnswers(McpSession session) {
        McpSchema.CallToolResult listed = session.call("fabric_list_patterns", Map.of());
        assertFalse(Boolean.TRUE.equals(listed.isError()), () -> Texts.of(listed));
        assertTrue(Texts.of(listed).contains("summarize"), () -> Texts.of(listed));
    }

    /** (a), (b): {@code notifications/cancelled} for the call stops the run; the session goes on. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void notificationsCancelledAbortsTheFabricRequest(Transport transport) throws Exception {
        try (Running run = startRun(transport, "cancelled over " + transport)) {
            Instant cancelledAt = Instant.now();
            run.session().cancelToolCall(0);
            disconnectDelay(run.chat(), cancelledAt, "notifications/cancelled over " + transport);
            run.call().dispose();

            assertStillAnswers(run.session());
        }
    }

    /** (c): a client that exits closes stdin: the run stops, and so does the process. */
    @Test
    void closingStdinAbortsTheFabricRequestAndEndsTheProcess() throws Exception {
        try (Running run = startRun(Transport.STDIO, "stdin closed")) {
            Instant closedAt = Instant.now();
            run.session().stdioTransport().closeStdin();
            disconnectDelay(run.chat(), closedAt, "stdin closed");
            assertEquals(0, run.mcp().server().awaitExit(Duration.ofSeconds(2)), "exit code after stdin closed");
            Duration exited = Duration.between(closedAt, Instant.now());
            System.out.println("[CancellationIT] stdin closed: the process exited " + exited.toMillis() + " ms later");
            assertTrue(exited.compareTo(Duration.ofSeconds(2)) < 0, () -> "exited only after " + exited.toMillis() + " ms");
            run.call().dispose();
            assertEquals(List.of(), run.session().stdioTransport().notJsonRpc(), "stdout carried only MCP");
        }
    }

    /** (d): an HTTP client that closes the response stream of its call, mid-run. */
    @Test
    void closingTheHttpResponseStreamAbortsTheFabricRequest() throws Exception {
        try (FabricMcpProcess server = FabricMcpProcess.startHttp(List.of(),
                Map.of("FABRIC_BASE_URL", fabric.uri().toString()))) {
            RawMcpHttp http = new RawMcpHttp(server.endpoint());
            http.openSession();
            CompletableFuture<RecordedChat> next = fabric.nextChat();
            HttpResponse<InputStream> response = http.postStreaming("""
                    {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"fabric_run_pattern",\
                    "arguments":{"pattern_name":"endless","input_text":"raw http","stream":true},\
                    "_meta":{"progressToken":"raw-1"}}}""", Map.of());
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"),
                    () -> "a streamed call answers as text/event-stream: " + response.headers().map());
            RecordedChat chat = next.get(10, TimeUnit.SECONDS);

            InputStream body = response.body();
            BufferedReader events = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            String firstProgress = null;
            for (String line = events.readLine(); line != null; line = events.readLine()) {
                if (line.startsWith("data:") && line.contains("\"notifications/progress\"")) {
                    firstProgress = line;
                    break;
                }
            }
            assertTrue(firstProgress != null && firstProgress.contains("\"progressToken\":\"raw-1\"")
                    && firstProgress.contains("chunk 0\\n"), "the first progress event: " + firstProgress);
            assertFalse(chat.clientGoneAt().isPresent(), "Fabric is still streaming");

            Instant closedAt = Instant.now();
            body.close();
            disconnectDelay(chat, closedAt, "HTTP response stream closed");
        }
    }

    /** (e): SIGTERM while a run streams: the run is aborted and the process exits with 143. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void sigtermAbortsTheFabricRequestAndStopsTheProcess(Transport transport) throws Exception {
        try (Running run = startRun(transport, "sigterm over " + transport)) {
            Instant stoppedAt = Instant.now();
            run.mcp().server().process().destroy(); // SIGTERM, as FabricMcpProcess.stop() sends it
            Duration gone = Duration.between(stoppedAt, run.chat().clientGone().get(WAIT.toMillis(),
                    TimeUnit.MILLISECONDS));
            int exitCode = run.mcp().server().awaitExit(Duration.ofSeconds(5));
            Duration exited = Duration.between(stoppedAt, Instant.now());
            System.out.println("[CancellationIT] SIGTERM over " + transport + ": Fabric saw its client go "
                    + gone.toMillis() + " ms later, the process exited " + exited.toMillis() + " ms later");
            assertEquals(143, exitCode, () -> "exit code after SIGTERM; stderr:\n" + String.join("\n",
                    run.mcp().server().stderr()));
            assertTrue(gone.compareTo(LIMIT) < 0, () -> "Fabric saw its client go only " + gone.toMillis()
                    + " ms after SIGTERM");
            assertTrue(exited.compareTo(Duration.ofSeconds(3)) < 0, () -> "exited only after " + exited.toMillis()
                    + " ms");
        }
    }
}
