package dev.fabricmcp.cli;

import dev.fabricmcp.core.FabricMcpServer;
import dev.fabricmcp.core.transport.StdioTransport;
import java.io.InputStream;
import java.io.PrintStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one client over stdin and stdout, both protocol eras, until stdin ends or the JVM is asked to stop; then
 * the calls still running answer with what they have, and everything due is written before the process exits.
 */
final class StdioServer {

    private static final Logger LOG = LoggerFactory.getLogger(StdioServer.class);

    private StdioServer() {
    }

    /** Serves until stdin ends or the JVM is asked to stop; returns the exit code. */
    static int serve(FabricMcpServer fabricMcp, Settings settings) {
        return serve(fabricMcp, settings, System.in, System.out);
    }

    static int serve(FabricMcpServer fabricMcp, Settings settings, InputStream in, PrintStream out) {
        if (out == System.out) {
            // Whatever prints to System.out by mistake from now on lands on stderr, not in the MCP stream.
            System.setOut(System.err);
        }
        StdioTransport transport = StdioTransport.of(fabricMcp, in, out);
        Thread hook = new Thread(transport::close, "fabric-mcp-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        LOG.info("fabric-mcp {} serving MCP on stdio; Fabric at {} ({})", Version.current(), settings.fabricUrl(),
                settings.fabricApiKey().isPresent() ? "with API key" : "no API key");
        transport.serve();
        LOG.info("stdin closed: exiting");
        return 0;
    }
}
