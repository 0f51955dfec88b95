package dev.fabricmcp.core.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.core.FabricMcpServer;
import dev.fabricmcp.core.cancel.RunningCalls;
import dev.fabricmcp.core.testing.JsonRpc;
import dev.fabricmcp.core.testing.McpHttpClient;
import dev.fabricmcp.emulator.ChatScript;
import dev.fabricmcp.emulator.FabricEmulator;
import dev.fabricmcp.emulator.RecordedChat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The real HTTP wiring on an ephemeral port, called the way MCP clients call it. */
class HttpTransportTest {

    /** Nothing listens there: Fabric is "not running". */
    private static final URI NO_FABRIC = URI.create("http://127.0.0.1:1");

    private HttpTransport server;
    private FabricMcpServer fabricMcp;
    private McpHttpClient client;

    private void start(URI fabricUrl, List<String> origins, Optional<String> token) {
        fabricMcp = FabricMcpServer.builder(FabricClient.builder().baseUri(fabricUrl).build()).build();
        HttpTransport.Builder http = HttpTransport.builder(fabricMcp).port(0).allowedOrigins(origins);
        token.ifPresent(http::bearerToken);
        try {
            server = http.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        client = new McpHttpClient(server.endpoint());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aTakenPortFailsTheStartWithTheBindException() {
        start(NO_FABRIC, List.of(), Optional.empty());
        IOException failure = assertThrows(IOException.class,
                () -> HttpTransport.builder(fabricMcp).port(server.port()).start());
        Throwable cause = failure;
        while (cause != null && !(cause instanceof BindException)) {
            cause = cause.getCause();
        }
        assertTrue(cause instanceof BindException, String.valueOf(failure));
    }

    @Test
    void allowsLocalhostOriginsAndHostsAndTheBoundHost() {
        assertTrue(HttpTransport.originPatterns(List.of()).containsAll(List.of("http://localhost:*",
                "http://127.0.0.1:*", "http://[::1]:*", "https://localhost:*", "https://127.0.0.1:*",
                "https://[::1]:*")));
        assertEquals(List.of("localhost:*", "127.0.0.1:*", "[::1]:*"), HttpTransport.hostPatterns("127.0.0.1",
                List.of()));
        assertTrue(HttpTransport.originPatterns(List.of("https://app.example.com"))
                .contains("https://app.example.com"));
        assertTrue(HttpTransport.hostPatterns("0.0.0.0", List.of("mybox.lan:*")).containsAll(List.of("0.0.0.0:*",
                "mybox.lan:*")));
        assertTrue(HttpTransport.hostPatterns("::", List.of()).contains("[::]:*"));
    }

    @Nested
    class OriginAndHost {

        @Test
        void acceptsClientsThatSendNoOrigin() throws Exception {
            start(NO_FABRIC, List.of(), Optional.empty());
            assertEquals(200, client.post(JsonRpc.INITIALIZE).statusCode());
        }

        @Test
        void acceptsPagesServedFromLocalhost() throws Exception {
            start(NO_FABRIC, List.of(), Optional.empty());
            assertEquals(200, client.post(JsonRpc.INITIALIZE, "Origin", "http://localhost:6274").statusCode());
            assertEquals(200, client.post(JsonRpc.INITIALIZE, "Origin", "http://127.0.0.1:3000").statusCode());
            assertEquals(200, client.post(JsonRpc.INITIALIZE, "Origin", "https://[::1]:8443").statusCode());
        }

        @Test
        void refusesOtherOriginsWith403AndSaysHowToAllowThem() throws Exception {
            start(NO_FABRIC, List.of(), Optional.empty());
            HttpResponse<String> response = client.post(JsonRpc.INITIALIZE, "Origin", "https://evil.example");
            assertEquals(403, response.statusCode());
            assertTrue(response.body().contains("--allowed-origin https://evil.example"), response.body());
        }

        @Test
        void acceptsAnOriginAllowedOnTheCommandLine() throws Exception {
            start(NO_FABRIC, List.of("https://app.example.com"), Optional.empty());
            assertEquals(200, client.post(JsonRpc.INITIALIZE, "Origin", "https://app.example.com").statusCode());
            assertEquals(403, client.post(JsonRpc.INITIALIZE, "Origin", "https://app.example.com.evil.example")
                    .statusCode());
        }

        @Test
        void refusesRequestsForAnUnknownHostName() throws Exception {
            start(NO_FABRIC, List.of(), Optional.empty());
            int port = server.port();
            assertEquals("HTTP/1.1 421 Misdirected Request",
                    client.statusLineWithHost("rebound.evil.example:" + port, JsonRpc.INITIALIZE));
            assertEquals("HTTP/1.1 200 OK", client.statusLineWithHost("localhost:" + port, JsonRpc.INITIALIZE));
        }

        @Test
        void refusesACancellationFromAForeignOriginBeforeItReachesTheCalls() throws Exception {
            start(NO_FABRIC, List.of(), Optional.empty());
            String session = client.initialize();
            AtomicBoolean stopped = new AtomicBoolean();
            fabricMcp.runningCalls().register(session, 7, stop -> stopped.set(true));
            HttpResponse<String> response = client.post(JsonRpc.cancelled(7), "Mcp-Session-Id", session,
                    "Origin", "https://evil.example");
            assertEquals(403, response.statusCode());
            assertFalse(stopped.get());
        }
    }

    /** Every refusal of the access checks is a JSON-RPC error object, with its own code and no request id. */
    @Nested
    class RefusalsAreJsonRpcErrors {

        private final Optional<String> token = Optional.of("s3cret-token");

        private void assertJsonRpcError(int code, String messageStart, String body) {
            JsonObject json = JsonParser.parseString(body).getAsJsonObject();
            assertEquals("2.0", json.get("jsonrpc").getAsString(), body);
            assertTrue(json.has("id") && json.get("id").isJsonNull(), body);
            JsonObject error = json.getAsJsonObject("error");
            assertEquals(code, error.get("code").getAsInt(), body);
            assertTrue(error.get("message").getAsString().startsWith(messageStart), body);
            assertEquals(3, json.size(), () -> "nothing but jsonrpc, id and error: " + body);
        }

        @Test
        void aMissingOrWrongTokenIs32031() throws Exception {
            start(NO_FABRIC, List.of(), token);
            assertJsonRpcError(-32031, "Unauthorized: this server requires a bearer token",
                    client.post(JsonRpc.INITIALIZE).body());
            assertJsonRpcError(-32031, "Unauthorized: the bearer token is wrong",
                    client.post(JsonRpc.INITIALIZE, "Authorization", "Bearer s3cret-tokem").body());
        }

        @Test
        void aForeignOriginIs32032() throws Exception {
            start(NO_FABRIC, List.of(), Optional.empty());
            assertJsonRpcError(-32032, "Forbidden: requests from origin https://evil.example are not allowed",
                    client.post(JsonRpc.INITIALIZE, "Origin", "https://evil.example").body());
        }

        @Test
        void anUnknownHostIs32033() throws Exception {
            start(NO_FABRIC, List.of(), Optional.empty());
            String response = client.responseWithHost("rebound.evil.example:" + server.port(), JsonRpc.INITIALIZE);
            assertJsonRpcError(-32033, "Misdirected request: requests for host rebound.evil.example:",
                    response.substring(response.indexOf("\r\n\r\n") + 4));
        }

        @Test
        void tooManyWrongTokensIs32034() throws Exception {
            start(NO_FABRIC, List.of(), token);
            HttpResponse<String> last;
            do {
                last = client.post(JsonRpc.INITIALIZE, "Authorization", "Bearer guess");
            } while (last.statusCode() == 401);
            assertEquals(429, last.statusCode(), last.body());
            assertJsonRpcError(-32034, "Too many requests without the right bearer token", last.body());
        }
    }

    @Nested
    class BearerToken {

        private final Optional<String> token = Optional.of("s3cret-token");

        @Test
        void refusesARequestWithoutTheTokenWith401() throws Exception {
            start(NO_FABRIC, List.of(), token);
            HttpResponse<String> response = client.post(JsonRpc.INITIALIZE);
            assertEquals(401, response.statusCode());
            assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            assertFalse(response.body().contains("s3cret-token"));
        }

        @Test
        void refusesAWrongTokenWith401() throws Exception {
            start(NO_FABRIC, List.of(), token);
            HttpResponse<String> response = client.post(JsonRpc.INITIALIZE, "Authorization", "Bearer s3cret-tokem");
            assertEquals(401, response.statusCode());
            assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"));
        }

        @Test
        void acceptsTheRightToken() throws Exception {
            start(NO_FABRIC, List.of(), token);
            assertEquals(200, client.post(JsonRpc.INITIALIZE, "Authorization", "Bearer s3cret-token").statusCode());
        }

        @Test
        void asksNoTokenWhenNoneIsConfigured() throws Exception {
            start(NO_FABRIC, List.of(), Optional.empty());
            assertEquals(200, client.post(JsonRpc.INITIALIZE).statusCode());
        }
    }

    @Nested
    class Cancellation {

        @Test
        void aCancelledNotificationStopsTheCallItNamesInItsSessionOnly() throws Exception {
            start(NO_FABRIC, List.of(), Optional.empty());
            String session = client.initialize();
            AtomicBoolean named = new AtomicBoolean();
            AtomicBoolean otherRequest = new AtomicBoolean();
            AtomicBoolean otherSession = new AtomicBoolean();
            RunningCalls calls = fabricMcp.runningCalls();
            calls.register(session, 7L, stop -> named.set(true));
            calls.register(session, 8L, stop -> otherRequest.set(true));
            calls.register("another-session", 7L, stop -> otherSession.set(true));

            HttpResponse<String> response = client.post(JsonRpc.cancelled(7), "Mcp-Session-Id", session);

            assertEquals(202, response.statusCode());
            assertTrue(named.get(), "the named call was not stopped");
            assertFalse(otherRequest.get());
            assertFalse(otherSession.get());
        }

        @Test
        void aCancelledNotificationNamesStringIdsToo() throws Exception {
            start(NO_FABRIC, List.of(), Optional.empty());
            String session = client.initialize();
            AtomicBoolean stopped = new AtomicBoolean();
            fabricMcp.runningCalls().register(session, "call-1", stop -> stopped.set(true));
            assertEquals(202, client.post(JsonRpc.cancelled("call-1"), "Mcp-Session-Id", session).statusCode());
            assertTrue(stopped.get());
        }

        @Test
        void endingTheSessionStopsItsCalls() throws Exception {
            start(NO_FABRIC, List.of(), Optional.empty());
            String session = client.initialize();
            AtomicBoolean stopped = new AtomicBoolean();
            fabricMcp.runningCalls().register(session, 3L, stop -> stopped.set(true));
            assertEquals(200, client.delete(session).statusCode());
            assertTrue(stopped.get());
        }

        @Test
        void aToolCallReachesTheServerIntact() throws Exception {
            String input = "Grüße, 世界 — \"quoted\" \\ and a\nnew line";
            try (FabricEmulator fabric = FabricEmulator.builder()
                    .script("summarize", ChatScript.builder().content(input).build()).build().start()) {
                start(fabric.uri(), List.of(), Optional.empty());
                String session = client.initialize();
                CompletableFuture<RecordedChat> chat = fabric.nextChat();
                HttpResponse<String> response = client.post(
                        JsonRpc.callTool(5, "fabric_run_pattern", JsonRpc.runPattern("summarize", input)),
                        "Mcp-Session-Id", session);
                assertEquals(200, response.statusCode());
                JsonObject result = JsonRpc.message(response.body());
                assertEquals(5, result.get("id").getAsInt());
                assertEquals(input, JsonRpc.resultText(result));
                assertEquals(input, chat.get(20, TimeUnit.SECONDS).parsedRequest().orElseThrow().prompts().get(0)
                        .userInput());
            }
        }

        @Test
        void aClientCancellingARunStopsItWithoutAResponse() throws Exception {
            try (FabricEmulator fabric = FabricEmulator.builder().scriptAll(ChatScript.silence()).build().start()) {
                start(fabric.uri(), List.of(), Optional.empty());
                String session = client.initialize();
                CompletableFuture<RecordedChat> chat = fabric.nextChat();
                CompletableFuture<HttpResponse<String>> run = client.postAsync(
                        JsonRpc.callTool(42, "fabric_run_pattern", JsonRpc.runPattern("summarize", "long text")),
                        "Mcp-Session-Id", session);
                chat.get(20, TimeUnit.SECONDS);
                assertEquals(1, fabricMcp.runningCalls().size());

                assertEquals(202, client.post(JsonRpc.cancelled(42), "Mcp-Session-Id", session).statusCode());

                // As the MCP specification asks, a request its client cancelled gets no response: the call's
                // stream ends without one.
                String body = run.get(20, TimeUnit.SECONDS).body();
                assertFalse(body.contains("\"id\":42"), body);
                assertEquals(0, fabricMcp.runningCalls().size());
            }
        }

        @Test
        void anUnreachableFabricIsReportedAsAToolError() throws Exception {
            start(NO_FABRIC, List.of(), Optional.empty());
            String session = client.initialize();
            HttpResponse<String> response = client.post(
                    JsonRpc.callTool(9, "fabric_list_patterns", new JsonObject()), "Mcp-Session-Id", session);
            JsonObject result = JsonRpc.message(response.body());
            assertTrue(result.getAsJsonObject("result").get("isError").getAsBoolean());
            assertTrue(JsonRpc.resultText(result).contains("fabric --serve"), result.toString());
        }

        @Test
        void refusesABodyLargerThan16MiB() throws Exception {
            start(NO_FABRIC, List.of(), Optional.empty());
            String session = client.initialize();
            String huge = JsonRpc.callTool(6, "fabric_run_pattern",
                    JsonRpc.runPattern("summarize", "x".repeat(HttpTransport.MAX_BODY_BYTES)));
            HttpResponse<String> response = client.post(huge, "Mcp-Session-Id", session);
            assertEquals(413, response.statusCode());
            JsonObject error = JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonObject("error");
            assertEquals(-32600, error.get("code").getAsInt(), response.body());
            assertEquals("Invalid request: the body is larger than 16 MiB", error.get("message").getAsString());
        }

        @Test
        void refusesHeadersTooLargeWithAJsonRpcErrorAndServesOn() throws Exception {
            start(NO_FABRIC, List.of(), Optional.empty());
            String answer = rawExchange("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + "x".repeat(64 * 1024)
                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 431 "), answer);
            assertJettysRefusal(answer, "Invalid request: the request headers are too large");
            assertTrue(client.initialize().length() > 0, "the next client is served");
        }

        @Test
        void refusesMalformedHttpWithAJsonRpcErrorAndServesOn() throws Exception {
            start(NO_FABRIC, List.of(), Optional.empty());
            String answer = rawExchange("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: banana\r\n"
                    + "Connection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
            assertJettysRefusal(answer, "Invalid request: not well-formed HTTP");
            assertTrue(client.initialize().length() > 0, "the next client is served");
        }

        /** What the server answers to this request, written byte for byte on a connection of its own. */
        private String rawExchange(String request) throws IOException {
            return client.exchange(request.getBytes(StandardCharsets.ISO_8859_1));
        }

        /** A refusal Jetty makes before our code runs is a JSON-RPC error in our words, and nothing of Jetty's. */
        private void assertJettysRefusal(String answer, String message) {
            int body = answer.indexOf("\r\n\r\n");
            assertTrue(body > 0, answer);
            String head = answer.substring(0, body).toLowerCase(Locale.ROOT);
            assertTrue(head.contains("content-type: application/json"), answer);
            assertFalse(head.contains("server:"), answer);
            JsonObject error = JsonParser.parseString(answer.substring(body + 4)).getAsJsonObject()
                    .getAsJsonObject("error");
            assertEquals(-32600, error.get("code").getAsInt(), answer);
            assertEquals(message, error.get("message").getAsString());
            assertFalse(answer.contains("jetty") || answer.contains("Exception") || answer.contains("at org."), answer);
        }
    }
}
