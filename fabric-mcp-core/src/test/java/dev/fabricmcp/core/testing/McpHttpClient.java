package dev.fabricmcp.core.testing;

import dev.fabricmcp.core.testing.JsonRpc;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A bare MCP Streamable HTTP client: the requests a real client sends, with the headers a test chooses. */
public final class McpHttpClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI endpoint;

    public McpHttpClient(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** POSTs a JSON-RPC message; {@code headers} are name, value pairs. */
    public HttpResponse<String> post(String json, String... headers) throws IOException, InterruptedException {
        return HTTP.send(postRequest(json, headers), HttpResponse.BodyHandlers.ofString());
    }

    public CompletableFuture<HttpResponse<String>> postAsync(String json, String... headers) {
        return HTTP.sendAsync(postRequest(json, headers), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> delete(String sessionId) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(20))
                .header("Mcp-Session-Id", sessionId).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Initializes a session and returns its id. */
    public String initialize(String... headers) throws IOException, InterruptedException {
        HttpResponse<String> response = post(JsonRpc.INITIALIZE, headers);
        if (response.statusCode() != 200) {
            throw new AssertionError("initialize answered " + response.statusCode() + ": " + response.body());
        }
        String sessionId = response.headers().firstValue("Mcp-Session-Id").orElseThrow();
        HttpResponse<String> initialized = post(JsonRpc.INITIALIZED, with(headers, "Mcp-Session-Id", sessionId));
        if (initialized.statusCode() != 202) {
            throw new AssertionError("notifications/initialized answered " + initialized.statusCode());
        }
        return sessionId;
    }

    /**
     * The status line of a POST sent over a plain socket: {@link HttpClient} will not send a {@code Host} header of
     * the caller's choosing.
     */
    public String statusLineWithHost(String host, String json) throws IOException {
        return responseWithHost(host, json).lines().findFirst().orElse("");
    }

    /** The whole response (status line, headers, body) to a POST with this {@code Host} header. */
    public String responseWithHost(String host, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + endpoint.getPath() + " HTTP/1.1\r\nHost: " + host + "\r\n"
                + "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] request = java.util.Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return exchange(request);
    }

    /**
     * The whole response (status line, headers, body) to these bytes, sent as they are on a connection of their
     * own and read until the server closes it: for requests no HTTP client would send.
     */
    public String exchange(byte[] request) throws IOException {
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    public static String[] with(String[] headers, String... more) {
        String[] all = new String[headers.length + more.length];
        System.arraycopy(headers, 0, all, 0, headers.length);
        System.arraycopy(more, 0, all, headers.length, more.length);
        return all;
    }

    private HttpRequest postRequest(String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.build();
    }
}
