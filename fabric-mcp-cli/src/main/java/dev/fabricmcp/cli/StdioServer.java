package dev.fabricmcp.cli;

import dev.fabricmcp.core.FabricMcpServer;
import dev.fabricmcp.core.streaming.WriteWindow;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one client over stdin and stdout until its session ends.
 *
 * <p>The SDK's stdio threads are not daemons and it offers no hook for end of input (java-sdk #936), so the process
 * would outlive its client. It does close the session when stdin ends (or carries something it cannot read); the
 * core reports that, after cancelling the calls still running, and that ends {@link #serve} and the process.
 */
final class StdioServer {

    /**
     * How many messages may wait for stdout: beyond them a streaming run waits for the client to read, and so
     * reads no further from Fabric.
     */
    static final int WRITE_WINDOW = 64;

    /** How long the shutdown hook waits for the session to close before the JVM halts. */
    static final Duration CLOSE_TIMEOUT = Duration.ofMillis(1500);

    private static final Logger LOG = LoggerFactory.getLogger(StdioServer.class);

    private StdioServer() {
    }

    /** Serves until stdin ends or the JVM is asked to stop; returns the exit code. */
    static int serve(FabricMcpServer fabricMcp, Settings settings) throws InterruptedException {
        return serve(fabricMcp, settings, System.in, System.out);
    }

    static int serve(FabricMcpServer fabricMcp, Settings settings, InputStream in, PrintStream out)
            throws InterruptedException {
        if (out == System.out) {
            // Whatever prints to System.out by mistake from now on lands on stderr, not in the MCP stream.
            System.setOut(System.err);
        }
        CountDownLatch sessionEnded = new CountDownLatch(1);
        WriteWindow window = new WriteWindow(WRITE_WINDOW);
        McpAsyncServer server = fabricMcp.serve(
                new StdioServerTransportProvider(FabricMcpServer.jsonMapper(), in, window.track(out)),
                sessionEnded::countDown, window);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> close(server), "fabric-mcp-shutdown"));
        LOG.info("fabric-mcp {} serving MCP on stdio; Fabric at {} ({})", Version.current(), settings.fabricUrl(),
                settings.fabricApiKey().isPresent() ? "with API key" : "no API key");
        sessionEnded.await();
        LOG.info("The MCP session ended (stdin closed or the server is stopping): exiting");
        return 0;
    }

    private static void close(McpAsyncServer server) {
        try {
            server.closeGracefully().block(CLOSE_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.debug("The MCP session did not close cleanly", e);
        }
    }
}
