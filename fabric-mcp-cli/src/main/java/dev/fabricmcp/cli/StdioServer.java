package dev.fabricmcp.cli;

import dev.fabricmcp.core.FabricMcpServer;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Serves one client over stdin and stdout until its session ends.
 *
 * <p>The SDK's stdio threads are not daemons and it offers no hook for end of input (java-sdk #936), so the process
 * would outlive its client. It does close the session when stdin ends (or carries something it cannot read), and
 * that closes the session's transport: the transport is decorated here so that its closing ends {@link #serve}, and
 * with it the process. By then the core's session decorator has cancelled the calls still running.
 */
final class StdioServer {

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
        McpServerTransportProvider stdio = new SessionEndSignal(
                new StdioServerTransportProvider(FabricMcpServer.jsonMapper(), in, out), sessionEnded);
        McpAsyncServer server = fabricMcp.serve(stdio);
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

    /** Counts {@code ended} down when the session's transport closes. */
    private static final class SessionEndSignal implements McpServerTransportProvider {
        private final McpServerTransportProvider delegate;
        private final CountDownLatch ended;

        SessionEndSignal(McpServerTransportProvider delegate, CountDownLatch ended) {
            this.delegate = delegate;
            this.ended = ended;
        }

        @Override
        public void setSessionFactory(McpServerSession.Factory factory) {
            delegate.setSessionFactory(transport -> factory.create(new SignallingTransport(transport, ended)));
        }

        @Override
        public Mono<Void> notifyClients(String method, Object params) {
            return delegate.notifyClients(method, params);
        }

        @Override
        public Mono<Void> notifyClient(String sessionId, String method, Object params) {
            return delegate.notifyClient(sessionId, method, params);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return delegate.closeGracefully();
        }

        @Override
        public void close() {
            delegate.close();
        }

        @Override
        public List<String> protocolVersions() {
            return delegate.protocolVersions();
        }
    }

    private static final class SignallingTransport implements McpServerTransport {
        private final McpServerTransport delegate;
        private final CountDownLatch ended;

        SignallingTransport(McpServerTransport delegate, CountDownLatch ended) {
            this.delegate = delegate;
            this.ended = ended;
        }

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return delegate.sendMessage(message);
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            return delegate.unmarshalFrom(data, typeRef);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return delegate.closeGracefully().doFinally(signal -> ended.countDown());
        }

        @Override
        public void close() {
            try {
                delegate.close();
            } finally {
                ended.countDown();
            }
        }

        @Override
        public List<String> protocolVersions() {
            return delegate.protocolVersions();
        }
    }
}
