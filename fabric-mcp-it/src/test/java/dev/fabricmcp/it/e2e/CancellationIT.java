package dev.fabricmcp.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabricmcp.it.emulator.ChatScript;
import dev.fabricmcp.it.emulator.FabricEmulator;
import dev.fabricmcp.it.emulator.RecordedChat;
import dev.fabricmcp.it.support.FabricMcpProcess;
import dev.fabricmcp.it.support.Transport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A client that gives up stops Fabric: Fabric sees its connection close within a second, on both transports,
 * whether the client cancels, closes its stream, closes stdin, or the server is told to stop.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CancellationIT {

    private static final Duration WITHIN = Duration.ofSeconds(1);
    private static final Map<String, Object> SLOW_RUN = Map.of("pattern_name", "slow", "input_text", "x",
            "stream", true);

    private FabricEmulator fabric;

    @BeforeAll
    void start() {
        // A chunk every 50 ms: the emulator notices a client that went away at its next write.
        fabric = FabricEmulator.builder().script("slow", ChatScript.slowStream(2_000, Duration.ofMillis(50)))
                .build().start();
    }

    @AfterAll
    void stop() {
        fabric.close();
    }

    /** Starts a slow streaming run and returns Fabric's side of it once the first chunk reached the client. */
    private RecordedChat startSlowRun(Transport.Connection mcp) throws Exception {
        CompletableFuture<RecordedChat> chat = fabric.nextChat();
        // The call's own outcome does not matter here: it is cancelled, or its server stops.
        mcp.session().callWithProgress("fabric_run_pattern", SLOW_RUN, "slow").subscribe(result -> {
        }, failure -> {
        });
        mcp.session().nextProgress(Duration.ofSeconds(10));
        return chat.get(5, TimeUnit.SECONDS);
    }

    private static void assertFabricSawTheClientGo(RecordedChat chat, Instant clientActedAt) throws Exception {
        Instant gone = chat.clientGone().get(5, TimeUnit.SECONDS);
        Duration took = Duration.between(clientActedAt, gone);
        System.out.println("Fabric saw its connection close " + took.toMillis() + " ms after the client acted");
        assertTrue(took.compareTo(WITHIN) < 0, "Fabric saw its connection close " + took.toMillis() + " ms after");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void notificationsCancelledStopsFabric(Transport transport) throws Exception {
        try (Transport.Connection mcp = transport.connect(fabric.uri().toString())) {
            RecordedChat chat = startSlowRun(mcp);
            Instant cancelledAt = Instant.now();
            mcp.session().cancelToolCall(0);
            assertFabricSawTheClientGo(chat, cancelledAt);

            McpSchema.CallToolResult patterns = mcp.session().call("fabric_list_patterns", Map.of());
            assertFalse(patterns.isError(), "the session goes on after a cancelled run");
        }
    }

    @Test
    void closingStdinStopsFabricAndEndsTheProcess() throws Exception {
        try (Transport.Connection mcp = Transport.STDIO.connect(fabric.uri().toString())) {
            RecordedChat chat = startSlowRun(mcp);
            Instant closedAt = Instant.now();
            mcp.session().stdioTransport().closeStdin();
            assertFabricSawTheClientGo(chat, closedAt);
            assertEquals(0, mcp.server().awaitExit(Duration.ofSeconds(2)));
            assertTrue(mcp.session().stdioTransport().notJsonRpc().isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void stoppingTheServerStopsFabric(Transport transport) throws Exception {
        try (Transport.Connection mcp = transport.connect(fabric.uri().toString())) {
            RecordedChat chat = startSlowRun(mcp);
            Instant stoppedAt = Instant.now();
            mcp.server().process().destroy(); // SIGTERM
            assertFabricSawTheClientGo(chat, stoppedAt);
            mcp.server().awaitExit(Duration.ofSeconds(10));
        }
    }

    @Test
    void closingTheHttpStreamStopsFabric() throws Exception {
        try (FabricMcpProcess server = FabricMcpProcess.startHttp(List.of(),
                Map.of("FABRIC_BASE_URL", fabric.uri().toString()))) {
            RawMcpHttp http = new RawMcpHttp(server.endpoint());
            String session = http.initialize();
            CompletableFuture<RecordedChat> next = fabric.nextChat();
            HttpResponse<InputStream> response = http.post(session, """
                    {"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"fabric_run_pattern",
                     "arguments":{"pattern_name":"slow","input_text":"x","stream":true},
                     "_meta":{"progressToken":"raw"}}}""", HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode());
            InputStream body = response.body();
            BufferedReader events = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            String line;
            do {
                line = events.readLine();
            } while (line != null && !line.contains("notifications/progress"));
            assertTrue(line != null, "a progress event arrived");
            RecordedChat chat = next.get(5, TimeUnit.SECONDS);

            Instant closedAt = Instant.now();
            body.close();
            assertFabricSawTheClientGo(chat, closedAt);
        }
    }

    /** Just enough of the Streamable HTTP client side to hold a tool call's response stream in hand. */
    private static final class RawMcpHttp {
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final URI endpoint;

        RawMcpHttp(URI endpoint) {
            this.endpoint = endpoint;
        }

        String initialize() throws Exception {
            HttpResponse<String> initialized = post(null, """
                    {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
                     "capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""",
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, initialized.statusCode(), initialized.body());
            String session = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
            HttpResponse<String> acknowledged = post(session,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(202, acknowledged.statusCode(), acknowledged.body());
            return session;
        }

        <T> HttpResponse<T> post(String session, String json, HttpResponse.BodyHandler<T> body) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(json));
            if (session != null) {
                request.header("Mcp-Session-Id", session);
            }
            return client.send(request.build(), body);
        }
    }
}
