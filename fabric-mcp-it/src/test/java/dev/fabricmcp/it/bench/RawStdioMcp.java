package dev.fabricmcp.it.bench;

import dev.fabricmcp.core.testing.StdioLines;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A lean MCP client over a stdio server: hand-written JSON-RPC lines on its stdin, its stdout read line by line on
 * one thread by the tests' stdio client's line layer ({@link StdioLines}), the stamp of each progress notification
 * read out of the raw line. The tests' full client ({@code StdioClientTransport} under the SDK's client) would
 * parse every line into objects before the bench could stamp it, adding its cost to every latency measured: this
 * one parses nothing. One call at a time, which is all the benchmark needs over stdio.
 */
final class RawStdioMcp implements StreamClient {

    /** The {@code _meta} every modern (2026-07-28) request carries instead of a handshake. */
    static final String MODERN_META = "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{}";

    private final ServerProcess server;
    private final StdioLines lines;
    private final boolean modern;
    private long nextId = 1;
    private volatile Pending pending;

    private record Pending(long id, Arrivals arrivals, CompletableFuture<String> response) {
    }

    private RawStdioMcp(ServerProcess server, boolean modern) {
        this.server = server;
        this.modern = modern;
        this.lines = new StdioLines(server.stdout(), server.stdin());
        lines.read("raw-stdio-reader", this::arrived, this::stdoutClosed);
    }

    /** Connects to a stdio server: {@code initialize}, then {@code notifications/initialized}. */
    static RawStdioMcp connect(ServerProcess server) throws Exception {
        RawStdioMcp client = new RawStdioMcp(server, false);
        client.request("initialize", "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"bench-raw-stdio\",\"version\":\"1\"}}", new Arrivals());
        client.lines.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return client;
    }

    /** A modern (2026-07-28) client: no handshake, every request carries {@link #MODERN_META}. */
    static RawStdioMcp connectModern(ServerProcess server) {
        return new RawStdioMcp(server, true);
    }

    private void arrived(String line) {
        long now = Stamps.nowMicros();
        Pending call = pending;
        if (line.contains("\"method\":\"notifications/progress\"")) {
            if (call != null) {
                call.arrivals().arrived(now, line);
            }
        } else if (call != null && !line.contains("\"method\":")) {
            call.response().complete(line);
        }
    }

    private void stdoutClosed() {
        Pending call = pending;
        if (call != null) {
            call.response().completeExceptionally(new IllegalStateException(
                    "the server's stdout closed; stderr:\n" + server.stderrTail()));
        }
    }

    private synchronized String request(String method, String params, Arrivals arrivals) throws Exception {
        long id = nextId++;
        Pending call = new Pending(id, arrivals, new CompletableFuture<>());
        pending = call;
        lines.send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}");
        String response = call.response().get(5, TimeUnit.MINUTES);
        pending = null;
        if (!response.contains("\"id\":" + id)) {
            throw new IllegalStateException("answer to another request: " + RawHttpMcp.abbreviate(response));
        }
        return response;
    }

    @Override
    public Run run(String pattern) throws Exception {
        Arrivals arrivals = new Arrivals();
        long start = System.nanoTime();
        String response = request("tools/call", "{\"name\":\"fabric_run_pattern\",\"arguments\":{\"pattern_name\":\""
                + pattern + "\",\"input_text\":\"bench\",\"stream\":true},\"_meta\":{\"progressToken\":\"raw\""
                + (modern ? "," + MODERN_META : "") + "}}",
                arrivals);
        long end = System.nanoTime();
        if (!response.contains("\"isError\":false")) {
            throw new IllegalStateException("the call failed: " + RawHttpMcp.abbreviate(response));
        }
        return new Run(arrivals, start, end, response.length());
    }

    /** Calls {@code fabric_list_patterns}; returns how long it took, in nanoseconds. */
    long listPatterns() throws Exception {
        long start = System.nanoTime();
        request("tools/call", "{\"name\":\"fabric_list_patterns\",\"arguments\":{}}", new Arrivals());
        return System.nanoTime() - start;
    }

    @Override
    public void close() {
        // The server ends when its stdin closes: ServerProcess.close() does that.
    }
}
