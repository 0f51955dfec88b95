package dev.fabricmcp.core.testing;

import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.core.FabricMcpServer;
import dev.fabricmcp.core.transport.StdioTransport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * A fabric-mcp server and the tests' MCP session ({@link McpSession}), connected in memory through fabric-mcp's
 * real stdio transport: what a test sees is what a stdio client sees.
 */
public final class McpHarness implements AutoCloseable {

    private final FabricMcpServer fabricMcp;
    private final Thread serving;
    private final McpSession session;

    private McpHarness(FabricClient fabric, Duration heartbeat, UnaryOperator<OutputStream> serverOutput)
            throws IOException {
        Pipe toServer = Pipe.open();
        Pipe toClient = Pipe.open();
        fabricMcp = FabricMcpServer.builder(fabric).version("test").heartbeatInterval(heartbeat).build();
        OutputStream out = serverOutput.apply(Channels.newOutputStream(toClient.sink()));
        StdioTransport server = StdioTransport.of(fabricMcp, Channels.newInputStream(toServer.source()), out);
        serving = new Thread(server::serve, "harness-stdio");
        serving.setDaemon(true);
        serving.start();
        session = McpSession.stdio(Channels.newInputStream(toClient.source()),
                Channels.newOutputStream(toServer.sink()));
    }

    public static McpHarness start(FabricClient fabric) {
        return start(fabric, Duration.ofSeconds(10));
    }

    public static McpHarness start(FabricClient fabric, Duration heartbeat) {
        return start(fabric, heartbeat, UnaryOperator.identity());
    }

    /** A harness whose server writes through {@code serverOutput}. */
    public static McpHarness start(FabricClient fabric, Duration heartbeat, UnaryOperator<OutputStream> serverOutput) {
        try {
            return new McpHarness(fabric, heartbeat, serverOutput);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public McpSession session() {
        return session;
    }

    public FabricMcpServer fabricMcp() {
        return fabricMcp;
    }

    @Override
    public void close() {
        session.close();
        try {
            serving.join(5000); // stdin closed: the transport stops its calls and writes what is due
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
