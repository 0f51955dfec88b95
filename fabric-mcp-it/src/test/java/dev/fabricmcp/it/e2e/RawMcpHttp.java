package dev.fabricmcp.it.e2e;

import dev.fabricmcp.core.testing.JsonRpc;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Streamable HTTP spoken by hand with {@code java.net.http}, for what the SDK client cannot do: send a chosen
 * {@code Origin} or no {@code Authorization}, or walk away from a response stream in the middle of a run.
 */
final class RawMcpHttp {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI endpoint;
    private final Map<String, String> headers = new HashMap<>();

    RawMcpHttp(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** Adds a header to every later request. */
    RawMcpHttp header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    private HttpRequest request(String json, Map<String, String> extra) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        extra.forEach(request::header);
        return request.build();
    }

    /** POSTs one JSON-RPC message and reads the whole answer. */
    HttpResponse<String> post(String json, Map<String, String> extra) {
        try {
            return http.send(request(json, extra), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** POSTs one JSON-RPC message and hands over the answer's body as it arrives. */
    HttpResponse<InputStream> postStreaming(String json, Map<String, String> extra) {
        try {
            return http.send(request(json, extra), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Initializes a session: {@code initialize}, then {@code notifications/initialized}; every later request
     * carries the session id.
     */
    String openSession() {
        HttpResponse<String> initialized = post(JsonRpc.INITIALIZE, Map.of());
        if (initialized.statusCode() != 200) {
            throw new AssertionError("initialize answered " + initialized.statusCode() + ": " + initialized.body());
        }
        String sessionId = initialized.headers().firstValue("Mcp-Session-Id")
                .orElseThrow(() -> new AssertionError("initialize answered without Mcp-Session-Id"));
        header("Mcp-Session-Id", sessionId);
        header("MCP-Protocol-Version", "2025-06-18");
        HttpResponse<String> notified = post(JsonRpc.INITIALIZED, Map.of());
        if (notified.statusCode() != 202 && notified.statusCode() != 200) {
            throw new AssertionError("notifications/initialized answered " + notified.statusCode());
        }
        return sessionId;
    }
}
