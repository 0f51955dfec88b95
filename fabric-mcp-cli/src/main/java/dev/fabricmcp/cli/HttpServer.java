package dev.fabricmcp.cli;

import dev.fabricmcp.core.FabricMcpServer;
import dev.fabricmcp.core.cancel.RunningCalls;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves MCP Streamable HTTP, both protocol eras, on embedded Jetty: {@link AccessFilter}, then the
 * {@link HttpFrontDoor} (modern requests answered there), then the SDK's servlet (legacy sessions), all on the MCP
 * path only.
 */
final class HttpServer implements AutoCloseable {

    /** The SDK holds a servlet thread for each request in flight: room for 200 streams and their follow-ups. */
    static final int MAX_THREADS = 512;
    /** The largest request body accepted (the SDK's own default). */
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    /** How long a stop waits for requests in flight before it cuts them off. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

    private final Server jetty;
    private final ServerConnector connector;
    private final McpAsyncServer mcp;
    private final RunningCalls runningCalls;
    private final HttpSettings settings;

    private HttpServer(Server jetty, ServerConnector connector, McpAsyncServer mcp, RunningCalls runningCalls,
                       HttpSettings settings) {
        this.runningCalls = runningCalls;
        this.jetty = jetty;
        this.connector = connector;
        this.mcp = mcp;
        this.settings = settings;
    }

    /** Serves until the JVM is asked to stop; returns the exit code. */
    static int serve(FabricMcpServer fabricMcp, Settings settings, Operations operations)
            throws InterruptedException {
        HttpServer server = start(fabricMcp, settings.http(), operations);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "fabric-mcp-shutdown"));
        // On stderr whatever the log level: with --port 0 this is the only place the port shows.
        Logging.announce(HttpServer.class, "fabric-mcp " + Version.current() + " serving MCP (Streamable HTTP) at "
                + server.endpoint());
        LOG.info("Fabric at {} ({}); bearer token {}", settings.fabricUrl(),
                settings.fabricApiKey().isPresent() ? "with API key" : "no API key",
                settings.http().token().isPresent() ? "required" : "not required");
        server.jetty.join();
        return 0;
    }

    /** Starts listening without the operator endpoints; {@link #close()} stops. */
    static HttpServer start(FabricMcpServer fabricMcp, HttpSettings settings) {
        return start(fabricMcp, settings, null);
    }

    /** Starts listening, with the operator endpoints when {@code operations} is given; {@link #close()} stops. */
    static HttpServer start(FabricMcpServer fabricMcp, HttpSettings settings, Operations operations) {
        DefaultServerTransportSecurityValidator validator = DefaultServerTransportSecurityValidator.builder()
                .allowedOrigins(settings.originPatterns())
                .allowedHosts(settings.hostPatterns())
                .build();
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(FabricMcpServer.jsonMapper())
                .mcpEndpoint(settings.mcpPath())
                .httpHeaderValidator(validator) // securityValidator(...) is deprecated in SDK 2.1.0
                .maxRequestSize(MAX_BODY_BYTES)
                .contextExtractor(HttpFrontDoor::transportContext)
                // The SDK drops a session with no open stream that saw no request during one whole interval.
                .sessionSweepInterval(settings.sessionIdle())
                .build();
        McpAsyncServer mcp = fabricMcp.legacy(transport);

        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 8);
        threads.setName("fabric-mcp-http");
        Server jetty = new Server(threads);
        jetty.setStopTimeout(STOP_TIMEOUT.toMillis());
        jetty.setErrorHandler(new JsonRpcErrorHandler(settings.bodyTimeout(), MAX_BODY_BYTES));
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        // Jetty's idle timeout (30 s) only closes connections with no request in flight: a long silent call is safe.
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        jetty.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        EnumSet<DispatcherType> requests = EnumSet.of(DispatcherType.REQUEST);
        FilterHolder access = asyncHolder(new FilterHolder(new AccessFilter(validator, settings.token())));
        context.addFilter(access, settings.mcpPath(), requests);
        if (operations != null) {
            operations.install(context, asyncHolder(new FilterHolder(new AccessFilter(validator, Optional.empty()))),
                    access);
        }
        context.addFilter(asyncHolder(new FilterHolder(
                new HttpFrontDoor(fabricMcp, MAX_BODY_BYTES))), settings.mcpPath(), requests);
        ServletHolder servlet = new ServletHolder(transport);
        servlet.setAsyncSupported(true);
        context.addServlet(servlet, settings.mcpPath());
        // Request bodies are read without a thread (up to the size limit, else 413) before a servlet thread is
        // taken: a client that sends its body slowly holds a connection, never one of the MAX_THREADS.
        // BodyDeadline bounds the time that connection is held: the whole body must arrive within --http-body-timeout.
        Handler handler = new GracefulHandler(new BodyDeadline(new EagerContentHandler(context,
                new EagerContentHandler.RetainedContentLoaderFactory(MAX_BODY_BYTES, -1, true)),
                settings.bodyTimeout()));
        jetty.setHandler(operations != null ? operations.observe(handler) : handler);

        HttpServer server = new HttpServer(jetty, connector, mcp, fabricMcp.runningCalls(), settings);
        try {
            jetty.start();
        } catch (Exception e) {
            server.close();
            throw startFailure(settings, e);
        }
        return server;
    }

    /** Where clients connect, e.g. {@code http://127.0.0.1:8000/mcp}, with the port actually bound. */
    URI endpoint() {
        return URI.create("http://" + HttpSettings.hostHeaderName(settings.host()) + ":" + port() + settings.mcpPath());
    }

    int port() {
        return connector.getLocalPort();
    }

    /**
     * Stops: new requests get 503, the sessions close, and requests in flight get up to {@link #STOP_TIMEOUT} to
     * finish.
     */
    @Override
    public void close() {
        // Runs still streaming would hold their requests open until Jetty's grace runs out: stop them now, so
        // Fabric sees their connections close and each client gets its result.
        runningCalls.cancelAll("the server is stopping");
        try {
            mcp.closeGracefully().block(STOP_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.debug("The MCP sessions did not close cleanly", e);
        }
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.debug("Jetty did not stop cleanly", e);
        }
    }

    private static FilterHolder asyncHolder(FilterHolder holder) {
        holder.setAsyncSupported(true);
        return holder;
    }

    private static StartupException startFailure(HttpSettings settings, Exception e) {
        String address = HttpSettings.hostHeaderName(settings.host()) + ":" + settings.port();
        Throwable cause = e;
        while (cause != null && !(cause instanceof BindException)) {
            cause = cause.getCause();
        }
        if (cause != null) {
            return new StartupException("cannot listen on " + address + ": " + cause.getMessage() + ". Another"
                    + " program (another fabric-mcp?) may be using the port: choose another with --port, or stop it"
                    + " (`lsof -i :" + settings.port() + "` shows who).", e);
        }
        if (e instanceof IOException) {
            return new StartupException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        return new StartupException("the HTTP server failed to start: " + e, e);
    }
}
