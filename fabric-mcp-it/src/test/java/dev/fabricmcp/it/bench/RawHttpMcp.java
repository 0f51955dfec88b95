package dev.fabricmcp.it.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A lean MCP client over Streamable HTTP: hand-written JSON-RPC requests, and the SSE response of each
 * {@code tools/call} read line by line with {@code java.net.http}, the same way {@link DirectReader} reads
 * {@code /chat}. Progress notifications are not parsed as JSON: the stamp is read out of the raw line. So what it
 * measures is fabric-mcp, not a client's JSON handling.
 */
final class RawHttpMcp implements StreamClient {

    private static final AtomicLong TOKENS = new AtomicLong();

    private final HttpClient http;
    private final URI endpoint;
    /** Null for a modern (2026-07-28) client, which has no session. */
    private final String sessionId;
    private final AtomicLong ids = new AtomicLong(1);

    private RawHttpMcp(HttpClient http, URI endpoint, String sessionId) {
        this.http = http;
        this.endpoint = endpoint;
        this.sessionId = sessionId;
    }

    /** Opens a session: {@code initialize}, then {@code notifications/initialized}. */
    static RawHttpMcp connect(HttpClient http, URI endpoint) throws IOException, InterruptedException {
        HttpResponse<String> init = http.send(post(endpoint, null, """
                {"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
                "capabilities":{},"clientInfo":{"name":"bench-raw-http","version":"1"}}}"""),
                HttpResponse.BodyHandlers.ofString());
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow(
                () -> new IllegalStateException("initialize answered " + init.statusCode() + ": " + init.body()));
        RawHttpMcp client = new RawHttpMcp(http, endpoint, session);
        HttpResponse<String> initialized = http.send(post(endpoint, session,
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"),
                HttpResponse.BodyHandlers.ofString());
        if (initialized.statusCode() / 100 != 2) {
            throw new IllegalStateException("notifications/initialized answered " + initialized.statusCode());
        }
        return client;
    }

    /** A modern (2026-07-28) client: no handshake, no session; its requests carry their version. */
    static RawHttpMcp connectModern(HttpClient http, URI endpoint) {
        return new RawHttpMcp(http, endpoint, null);
    }

    private HttpRequest call(String json, String tool) {
        HttpRequest request = post(endpoint, sessionId, json);
        if (sessionId != null) {
            return request;
        }
        return HttpRequest.newBuilder(request, (name, value) -> true)
                .header("MCP-Protocol-Version", "2026-07-28")
                .header("Mcp-Method", "tools/call")
                .header("Mcp-Name", tool)
                .build();
    }

    private String meta() {
        return sessionId == null ? "," + RawStdioMcp.MODERN_META : "";
    }

    private static HttpRequest post(URI endpoint, String session, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (session != null) {
            request.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-06-18");
        }
        return request.build();
    }

    @Override
    public Run run(String pattern) throws Exception {
        String token = "raw-" + TOKENS.incrementAndGet();
        String call = "{\"jsonrpc\":\"2.0\",\"id\":" + ids.getAndIncrement() + ",\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"fabric_run_pattern\",\"arguments\":{\"pattern_name\":\"" + pattern + "\","
                + "\"input_text\":\"bench\",\"stream\":true},\"_meta\":{\"progressToken\":\"" + token + "\"" + meta()
                + "}}}";
        Arrivals arrivals = new Arrivals();
        int[] resultChars = {-1};
        long[] end = {0};
        String[] failure = {null};
        long start = System.nanoTime();
        SseLines.stream(http, call(call, "fabric_run_pattern"), line -> {
            if (!line.startsWith("data:")) {
                return;
            }
            long now = Stamps.nowMicros();
            if (line.contains("\"notifications/progress\"")) {
                arrivals.arrived(now, line);
            } else if (resultChars[0] < 0 && (line.contains("\"result\"") || line.contains("\"error\""))) {
                end[0] = System.nanoTime();
                resultChars[0] = line.length();
                if (!line.contains("\"isError\":false")) {
                    failure[0] = line;
                }
            }
        });
        if (failure[0] != null) {
            throw new IllegalStateException("the call failed: " + abbreviate(failure[0]));
        }
        if (resultChars[0] < 0) {
            throw new IllegalStateException("the response stream of " + pattern + " ended without a result");
        }
        return new Run(arrivals, start, end[0], resultChars[0]);
    }

    /** Calls {@code fabric_list_patterns} and returns how long the answer took, in nanoseconds. */
    long listPatterns() throws IOException, InterruptedException {
        String call = "{\"jsonrpc\":\"2.0\",\"id\":" + ids.getAndIncrement()
                + ",\"method\":\"tools/call\",\"params\":{\"name\":\"fabric_list_patterns\",\"arguments\":{}"
                + (sessionId == null ? ",\"_meta\":{" + RawStdioMcp.MODERN_META + "}" : "") + "}}";
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(call(call, "fabric_list_patterns"),
                HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - start;
        if (!response.body().contains("\"patterns\"")) {
            throw new IllegalStateException("fabric_list_patterns answered " + abbreviate(response.body()));
        }
        return took;
    }

    static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    @Override
    public void close() {
        if (sessionId == null) {
            return;
        }
        try {
            http.send(HttpRequest.newBuilder(endpoint).DELETE().header("Mcp-Session-Id", sessionId).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // the server is gone already
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
