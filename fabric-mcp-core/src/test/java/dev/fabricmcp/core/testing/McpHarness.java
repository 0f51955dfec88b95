package dev.fabricmcp.core.testing;

import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.core.FabricMcpServer;
import dev.fabricmcp.core.streaming.WriteWindow;
import dev.fabricmcp.emulator.FabricEmulator;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.function.UnaryOperator;
import reactor.core.publisher.Mono;

/**
 * A fabric-mcp server and the tests' MCP session ({@link McpSession}), connected in memory through the SDK's real
 * stdio server transport: what a test sees is what a stdio client sees.
 */
public final class McpHarness implements AutoCloseable {

    private final FabricMcpServer fabricMcp;
    private final McpAsyncServer server;
    private final McpSession session;
    private AutoCloseable fabric = () -> {
    };

    private McpHarness(FabricClient fabric, Duration heartbeat, WriteWindow window,
                       UnaryOperator<OutputStream> serverOutput) throws IOException {
        Pipe toServer = Pipe.open();
        Pipe toClient = Pipe.open();
        fabricMcp = FabricMcpServer.builder(fabric).version("test").heartbeatInterval(heartbeat).build();
        OutputStream out = window.track(serverOutput.apply(Channels.newOutputStream(toClient.sink())));
        server = fabricMcp.serve(new StdioServerTransportProvider(FabricMcpServer.jsonMapper(),
                Channels.newInputStream(toServer.source()), out), () -> {
                }, window);
        session = McpSession.stdio(Channels.newInputStream(toClient.source()),
                Channels.newOutputStream(toServer.sink()));
    }

    /** A harness whose server calls the emulator through a real client; closing the harness closes the emulator. */
    public static McpHarness over(FabricEmulator fabric) {
        return over(fabric, UnaryOperator.identity());
    }

    /** The same, with the client's settings changed by {@code client} (an API key, a timeout). */
    public static McpHarness over(FabricEmulator fabric, UnaryOperator<FabricClient.Builder> client) {
        McpHarness harness = start(client.apply(FabricClient.builder().baseUri(fabric.uri())).build());
        harness.fabric = fabric;
        return harness;
    }

    public static McpHarness start(FabricClient fabric) {
        return start(fabric, Duration.ofSeconds(10));
    }

    public static McpHarness start(FabricClient fabric, Duration heartbeat) {
        return start(fabric, heartbeat, new WriteWindow(Integer.MAX_VALUE), UnaryOperator.identity());
    }

    /** A harness whose server writes through {@code serverOutput}, held to {@code window}. */
    public static McpHarness start(FabricClient fabric, Duration heartbeat, WriteWindow window,
                                   UnaryOperator<OutputStream> serverOutput) {
        try {
            return new McpHarness(fabric, heartbeat, window, serverOutput);
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
        server.closeGracefully().onErrorResume(e -> Mono.empty()).block(Duration.ofSeconds(5));
        try {
            fabric.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
