package dev.fabricmcp.core.transport.http;

import dev.fabricmcp.core.FabricMcpServer;
import dev.fabricmcp.core.cancel.RunningCalls;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.server.handler.EventsHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MCP Streamable HTTP, both protocol eras, on embedded Jetty: {@link AccessFilter}, then the {@link HttpFrontDoor}
 * (modern requests answered there), then the SDK's servlet (legacy sessions), all on the MCP path only; and any
 * further endpoints the caller adds ({@link Builder#endpoint}), behind the same Host and Origin checks.
 *
 * <pre>{@code
 * HttpTransport http = HttpTransport.builder(server).port(8000).bearerToken(token).start();
 * }</pre>
 */
public final class HttpTransport implements AutoCloseable {

    /** The SDK holds a servlet thread for each request in flight: room for 200 streams and their follow-ups. */
    static final int MAX_THREADS = 512;
    /** The largest request body accepted (the SDK's own default). */
    public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    /** How long a stop waits for requests in flight before it cuts them off. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "[::1]");
    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);

    private final Server jetty;
    private final ServerConnector connector;
    private final McpAsyncServer mcp;
    private final RunningCalls runningCalls;
    private final String host;
    private final String path;

    private HttpTransport(Server jetty, ServerConnector connector, McpAsyncServer mcp, RunningCalls runningCalls,
                          Builder builder) {
        this.runningCalls = runningCalls;
        this.jetty = jetty;
        this.connector = connector;
        this.mcp = mcp;
        this.host = builder.host;
        this.path = builder.path;
    }

    /** A builder for a transport serving this server. */
    public static Builder builder(FabricMcpServer server) {
        return new Builder(server);
    }

    /** Who may call an endpoint added with {@link Builder#endpoint}. */
    public enum Access {
        /** Anyone who passes the Host and Origin checks: no token, e.g. for a liveness probe. */
        OPEN,
        /** Also the bearer token, when one is set: as the MCP endpoint. */
        TOKEN
    }

    private static HttpTransport start(Builder settings) throws IOException {
        DefaultServerTransportSecurityValidator validator = DefaultServerTransportSecurityValidator.builder()
                .allowedOrigins(originPatterns(settings.allowedOrigins))
                .allowedHosts(hostPatterns(settings.host, settings.allowedHosts))
                .build();
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(FabricMcpServer.jsonMapper())
                .mcpEndpoint(settings.path)
                .httpHeaderValidator(validator) // securityValidator(...) is deprecated in SDK 2.1.0
                .maxRequestSize(MAX_BODY_BYTES)
                .contextExtractor(HttpFrontDoor::transportContext)
                // The SDK drops a session with no open stream that saw no request during one whole interval.
                .sessionSweepInterval(settings.sessionIdle)
                .build();
        McpAsyncServer mcp = settings.server.legacy(transport);

        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 8);
        threads.setName("fabric-mcp-http");
        Server jetty = new Server(threads);
        jetty.setStopTimeout(STOP_TIMEOUT.toMillis());
        jetty.setErrorHandler(new JsonRpcErrorHandler(settings.bodyTimeout, MAX_BODY_BYTES));
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        // Jetty's idle timeout (30 s) only closes connections with no request in flight: a long silent call is safe.
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(settings.host);
        connector.setPort(settings.port);
        jetty.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        EnumSet<DispatcherType> requests = EnumSet.of(DispatcherType.REQUEST);
        FilterHolder guarded = asyncHolder(new FilterHolder(new AccessFilter(validator, settings.token)));
        FilterHolder open = asyncHolder(new FilterHolder(new AccessFilter(validator, Optional.empty())));
        context.addFilter(guarded, settings.path, requests);
        for (Endpoint endpoint : settings.endpoints) {
            context.addFilter(endpoint.access() == Access.OPEN ? open : guarded, endpoint.path(), requests);
            context.addServlet(new ServletHolder(endpoint.servlet()), endpoint.path());
        }
        context.addFilter(asyncHolder(new FilterHolder(
                new HttpFrontDoor(settings.server, MAX_BODY_BYTES))), settings.path, requests);
        ServletHolder servlet = new ServletHolder(transport);
        servlet.setAsyncSupported(true);
        context.addServlet(servlet, settings.path);
        // Request bodies are read without a thread (up to the size limit, else 413) before a servlet thread is
        // taken: a client that sends its body slowly holds a connection, never one of the MAX_THREADS.
        // BodyDeadline bounds the time that connection is held: the whole body must arrive within bodyTimeout.
        Handler handler = new GracefulHandler(new BodyDeadline(new EagerContentHandler(context,
                new EagerContentHandler.RetainedContentLoaderFactory(MAX_BODY_BYTES, -1, true)),
                settings.bodyTimeout));
        IntConsumer responses = settings.responses;
        jetty.setHandler(responses == null ? handler : new EventsHandler(handler) {
            @Override
            protected void onComplete(Request request, int status, HttpFields headers, Throwable failure) {
                responses.accept(status);
            }
        });

        HttpTransport server = new HttpTransport(jetty, connector, mcp, settings.server.runningCalls(), settings);
        try {
            jetty.start();
        } catch (Exception e) {
            server.close();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        return server;
    }

    /** Where clients connect, e.g. {@code http://127.0.0.1:8000/mcp}, with the port actually bound. */
    public URI endpoint() {
        return URI.create("http://" + urlHost(host) + ":" + port() + path);
    }

    /** The port bound (the free one picked when the builder's port was 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** Waits until the transport has stopped. */
    public void join() throws InterruptedException {
        jetty.join();
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

    /** A host as it appears in a {@code Host} header or a URL: IPv6 literals in brackets, lower case. */
    public static String urlHost(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return name.contains(":") && !name.startsWith("[") ? "[" + name + "]" : name;
    }

    /** Origins a browser page may call from: any localhost page, plus those given. */
    static List<String> originPatterns(List<String> allowed) {
        List<String> patterns = new ArrayList<>();
        for (String name : LOOPBACK_NAMES) {
            patterns.add("http://" + name + ":*");
            patterns.add("https://" + name + ":*");
        }
        patterns.addAll(allowed);
        return List.copyOf(patterns);
    }

    /** {@code Host} headers accepted (DNS-rebinding protection): localhost names, the bound host, those given. */
    static List<String> hostPatterns(String host, List<String> allowed) {
        List<String> patterns = new ArrayList<>();
        for (String name : LOOPBACK_NAMES) {
            patterns.add(name + ":*");
        }
        String bound = urlHost(host);
        if (!LOOPBACK_NAMES.contains(bound)) {
            patterns.add(bound + ":*");
        }
        patterns.addAll(allowed);
        return List.copyOf(patterns);
    }

    private static FilterHolder asyncHolder(FilterHolder holder) {
        holder.setAsyncSupported(true);
        return holder;
    }

    private record Endpoint(String path, HttpServlet servlet, Access access) {
    }

    /** Builds an {@link HttpTransport}; every setting has a default that is safe on a developer's machine. */
    public static final class Builder {
        private final FabricMcpServer server;
        private String host = "127.0.0.1";
        private int port = 8000;
        private String path = "/mcp";
        private Optional<String> token = Optional.empty();
        private List<String> allowedOrigins = List.of();
        private List<String> allowedHosts = List.of();
        private Duration sessionIdle = Duration.ofMinutes(30);
        private Duration bodyTimeout = Duration.ofSeconds(30);
        private final List<Endpoint> endpoints = new ArrayList<>();
        private IntConsumer responses;

        private Builder(FabricMcpServer server) {
            this.server = Objects.requireNonNull(server, "server");
        }

        /** The address to bind. Default {@code 127.0.0.1}: this machine only. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port; 0 picks a free one ({@link HttpTransport#port()} tells which). Default 8000. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0-65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** The MCP endpoint's path. Default {@code /mcp}. */
        public Builder path(String path) {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with /, was " + path);
            }
            this.path = path;
            return this;
        }

        /** The bearer token every MCP request (and every {@link Access#TOKEN} endpoint) must carry. Default none. */
        public Builder bearerToken(String token) {
            this.token = Optional.of(token).filter(t -> !t.isEmpty());
            return this;
        }

        /** Browser origins allowed besides localhost pages, e.g. {@code https://app.example:*}. */
        public Builder allowedOrigins(List<String> origins) {
            this.allowedOrigins = List.copyOf(origins);
            return this;
        }

        /** {@code Host} headers allowed besides localhost names and the bound host, e.g. {@code mybox:*}. */
        public Builder allowedHosts(List<String> hosts) {
            this.allowedHosts = List.copyOf(hosts);
            return this;
        }

        /** How long a legacy (2025-11-25) session may stay unused before it is dropped. Default 30 minutes. */
        public Builder sessionIdle(Duration sessionIdle) {
            this.sessionIdle = positive(sessionIdle, "sessionIdle");
            return this;
        }

        /** How long a request's body may take to arrive, from the end of its headers. Default 30 seconds. */
        public Builder bodyTimeout(Duration bodyTimeout) {
            this.bodyTimeout = positive(bodyTimeout, "bodyTimeout");
            return this;
        }

        /** A further endpoint beside the MCP one (health checks, metrics), behind the same Host and Origin checks. */
        public Builder endpoint(String path, HttpServlet servlet, Access access) {
            endpoints.add(new Endpoint(Objects.requireNonNull(path), Objects.requireNonNull(servlet),
                    Objects.requireNonNull(access)));
            return this;
        }

        /** Told the status of every response once it is complete, e.g. to count them. */
        public Builder onResponse(IntConsumer status) {
            this.responses = Objects.requireNonNull(status);
            return this;
        }

        /**
         * Starts listening; {@link HttpTransport#close()} stops.
         *
         * @throws IOException when the address cannot be bound (a {@link java.net.BindException} in the causes when
         *     the port is taken)
         */
        public HttpTransport start() throws IOException {
            return HttpTransport.start(this);
        }

        private static Duration positive(Duration duration, String name) {
            if (duration.isZero() || duration.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, was " + duration);
            }
            return duration;
        }
    }
}
