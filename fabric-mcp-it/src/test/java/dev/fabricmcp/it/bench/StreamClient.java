package dev.fabricmcp.it.bench;

/**
 * One way of reading a Fabric answer as it streams: straight from the emulator's {@code /chat}, or through
 * fabric-mcp ({@code fabric_run_pattern} with {@code stream: true} and a progress token) with the MCP SDK client or
 * a raw reader, over stdio or HTTP.
 */
interface StreamClient extends AutoCloseable {

    /** Runs {@code pattern} once, streaming; returns when the whole answer (or the tool result) has arrived. */
    Run run(String pattern) throws Exception;

    /** What one run gave. */
    record Run(Arrivals arrivals, long startNanos, long endNanos, int resultChars) {
        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }
    }

    @Override
    void close();
}
