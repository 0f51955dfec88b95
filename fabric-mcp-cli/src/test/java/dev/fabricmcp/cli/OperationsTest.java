package dev.fabricmcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.core.FabricMcpServer;
import dev.fabricmcp.core.testing.JsonRpc;
import dev.fabricmcp.core.testing.McpHttpClient;
import dev.fabricmcp.core.transport.http.HttpTransport;
import dev.fabricmcp.emulator.ChatScript;
import dev.fabricmcp.emulator.FabricEmulator;
import dev.fabricmcp.emulator.RecordedChat;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code /healthz}, {@code /readyz} and {@code /metrics} on the real HTTP wiring, with and without a token. */
class OperationsTest {

    private static final String TOKEN = "operations-test-token-0123456789abcdef";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final AtomicLong clock = new AtomicLong();
    private FabricEmulator fabric;
    private HttpTransport server;
    private Metrics metrics;

    private void start(Optional<Secret> token) {
        fabric = FabricEmulator.builder().port(0).pattern("summarize", "Summarize.").build().start();
        metrics = new Metrics();
        FabricClient client = FabricClient.builder().baseUri(fabric.uri())
                .httpClient(new TimedHttpClient(HttpClient.newHttpClient(), metrics)).build();
        FabricMcpServer fabricMcp = FabricMcpServer.builder(client).observer(metrics).build();
        HttpSettings settings = new HttpSettings("127.0.0.1", 0, "/mcp", List.of(), List.of(), token,
                Duration.ofMinutes(30), Duration.ofSeconds(30));
        server = HttpServer.start(fabricMcp, settings, new Operations(new Readiness(client, clock::get), metrics));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (fabric != null) {
            fabric.close();
        }
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(20));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> getWithToken(String path) throws Exception {
        return get(path, "Authorization", "Bearer " + TOKEN);
    }

    @Nested
    class WithoutAToken {

        @Test
        void healthzSaysTheProcessServes() throws Exception {
            start(Optional.empty());
            HttpResponse<String> health = get("/healthz");
            assertEquals(200, health.statusCode());
            assertEquals("ok\n", health.body());
        }

        @Test
        void readyzAsksFabricAtMostOncePerInterval() throws Exception {
            start(Optional.empty());
            fabric.clearRecords();

            assertEquals(200, get("/readyz").statusCode());
            assertEquals(200, get("/readyz").statusCode());
            assertEquals(1, fabric.requests().size(), "the second probe is answered from the cache");
            clock.addAndGet(Readiness.CACHED_FOR.toNanos());
            assertEquals("ready\n", get("/readyz").body());
            assertEquals(2, fabric.requests().size());
        }

        @Test
        void readyzIs503WhenFabricIsGone() throws Exception {
            start(Optional.empty());
            fabric.close();

            HttpResponse<String> ready = get("/readyz");

            assertEquals(503, ready.statusCode());
            assertEquals("not ready: Fabric is not reachable\n", ready.body());
        }

        @Test
        void metricsCountToolCallsFabricRequestsAndResponses() throws Exception {
            start(Optional.empty());
            McpHttpClient mcp = new McpHttpClient(server.endpoint());
            String session = mcp.initialize();
            JsonObject none = new JsonObject();
            assertEquals(200, mcp.post(JsonRpc.callTool(2, "fabric_list_patterns", none), "Mcp-Session-Id",
                    session).statusCode());
            assertEquals(200, mcp.post(JsonRpc.callTool(3, "fabric_get_pattern_details", patternNamed("nope")),
                    "Mcp-Session-Id", session).statusCode());

            HttpResponse<String> scraped = get("/metrics");

            assertEquals(200, scraped.statusCode());
            assertTrue(scraped.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            String text = scraped.body();
            assertHas(text, "fabric_mcp_tool_calls_total{error=\"\",outcome=\"ok\",tool=\"fabric_list_patterns\"} 1.0");
            assertHas(text, "fabric_mcp_tool_calls_total{error=\"not_found\",outcome=\"error\","
                    + "tool=\"fabric_get_pattern_details\"} 1.0");
            assertHas(text, "fabric_mcp_tool_calls_in_flight{tool=\"fabric_list_patterns\"} 0.0");
            assertHas(text, "fabric_mcp_tool_call_duration_seconds_count{tool=\"fabric_list_patterns\"} 1");
            assertHas(text, "fabric_mcp_fabric_request_seconds_count{route=\"GET /patterns/names\",status=\"200\"} 1");
            assertHas(text, "fabric_mcp_fabric_request_seconds_count{route=\"GET /patterns/{name}\",status=\"500\"} 1");
            assertHas(text, "fabric_mcp_http_responses_total{status=\"200\"}");
        }

        @Test
        void errorsAreCountedByKind() throws Exception {
            start(Optional.empty());
            McpHttpClient mcp = new McpHttpClient(server.endpoint());
            String session = mcp.initialize();
            JsonObject tooHot = JsonRpc.runPattern("summarize", "text");
            tooHot.addProperty("temperature", 5);
            mcp.post(JsonRpc.callTool(2, "fabric_run_pattern", tooHot), "Mcp-Session-Id", session);
            fabric.close();
            mcp.post(JsonRpc.callTool(3, "fabric_run_pattern", JsonRpc.runPattern("summarize", "text")),
                    "Mcp-Session-Id", session);

            String text = get("/metrics").body();

            assertHas(text, "fabric_mcp_tool_calls_total{error=\"bad_arguments\",outcome=\"error\","
                    + "tool=\"fabric_run_pattern\"} 1.0");
            assertHas(text, "fabric_mcp_tool_calls_total{error=\"fabric_unreachable\",outcome=\"error\","
                    + "tool=\"fabric_run_pattern\"} 1.0");
        }

        @Test
        void activeSessionsCountLegacySessionsAndModernRequestsInFlight() throws Exception {
            start(Optional.empty());
            assertHas(get("/metrics").body(), "fabric_mcp_active_sessions{era=\"legacy\"} 0.0");
            McpHttpClient mcp = new McpHttpClient(server.endpoint());
            String first = mcp.initialize();
            mcp.initialize();
            assertHas(get("/metrics").body(), "fabric_mcp_active_sessions{era=\"legacy\"} 2.0");

            CompletableFuture<Void> release = new CompletableFuture<>();
            fabric.script("summarize", ChatScript.builder().content("held").await(release).build());
            CompletableFuture<RecordedChat> chat = fabric.nextChat();
            CompletableFuture<HttpResponse<String>> run = mcp.postAsync(modernRun(9), "MCP-Protocol-Version",
                    "2026-07-28", "Mcp-Method", "tools/call", "Mcp-Name", "fabric_run_pattern");
            chat.get(20, TimeUnit.SECONDS);
            assertHas(get("/metrics").body(), "fabric_mcp_active_sessions{era=\"modern\"} 1.0");
            release.complete(null);
            assertEquals(200, run.get(20, TimeUnit.SECONDS).statusCode());

            assertEquals(200, mcp.delete(first).statusCode());
            String text = get("/metrics").body();
            assertHas(text, "fabric_mcp_active_sessions{era=\"legacy\"} 1.0");
            assertHas(text, "fabric_mcp_active_sessions{era=\"modern\"} 0.0");
        }

        @Test
        void theHostRuleAppliesToTheOperatorEndpointsToo() throws Exception {
            start(Optional.empty());
            assertEquals("HTTP/1.1 421 Misdirected Request", statusLine("/healthz", "evil.example"));
            assertEquals(403, get("/metrics", "Origin", "https://evil.example").statusCode());
        }
    }

    @Nested
    class WithAToken {

        @Test
        void healthzNeedsNoToken() throws Exception {
            start(Optional.of(Secret.ofNullable(TOKEN)));
            assertEquals(200, get("/healthz").statusCode());
        }

        @Test
        void readyzAndMetricsNeedIt() throws Exception {
            start(Optional.of(Secret.ofNullable(TOKEN)));

            assertEquals(401, get("/readyz").statusCode());
            assertEquals(401, get("/metrics").statusCode());
            assertEquals(401, get("/metrics", "Authorization", "Bearer wrong").statusCode());
            assertEquals(200, getWithToken("/readyz").statusCode());
            HttpResponse<String> scraped = getWithToken("/metrics");
            assertEquals(200, scraped.statusCode());
            assertHas(scraped.body(), "fabric_mcp_http_responses_total{status=\"401\"} 3.0");
        }
    }

    /** A modern (2026-07-28) {@code fabric_run_pattern} call: no session, the era in {@code _meta}. */
    private static String modernRun(int id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"fabric_run_pattern\",\"arguments\":{\"pattern_name\":\"summarize\",\"input_text\":\"x\"},"
                + "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
    }

    private static JsonObject patternNamed(String name) {
        JsonObject arguments = new JsonObject();
        arguments.addProperty("pattern_name", name);
        return arguments;
    }

    private static void assertHas(String text, String line) {
        assertTrue(text.contains(line), "no '" + line + "' in:\n" + text);
    }

    /** A GET's status line over a plain socket: {@link HttpClient} will not send a Host header of our choosing. */
    private String statusLine(String path, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst()
                    .orElse("");
        }
    }
}
