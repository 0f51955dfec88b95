package dev.fabricmcp.core;

import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.core.cancel.CancellableSessions;
import dev.fabricmcp.core.cancel.RunningCalls;
import dev.fabricmcp.core.catalog.PatternLibrary;
import dev.fabricmcp.core.features.DirectRequests;
import dev.fabricmcp.core.features.FabricFeatures;
import dev.fabricmcp.core.streaming.WriteWindow;
import dev.fabricmcp.core.tools.FabricTools;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the fabric-mcp MCP server on a transport chosen by the caller. The server exposes the Fabric tools and
 * relays {@code /chat} streams; it knows no transport itself.
 *
 * <pre>{@code
 * FabricMcpServer fabricMcp = FabricMcpServer.builder(fabricClient).build();
 * McpAsyncServer server = fabricMcp.serve(new StdioServerTransportProvider(FabricMcpServer.jsonMapper()));
 * }</pre>
 */
public final class FabricMcpServer {

    /** The name this server gives in {@code initialize}. */
    public static final String SERVER_NAME = "fabric-mcp";

    private static final Logger LOG = LoggerFactory.getLogger(FabricMcpServer.class);

    private final FabricClient fabric;
    private final String version;
    private final Duration heartbeatInterval;
    private final ServerObserver observer;
    private final RunningCalls runningCalls = new RunningCalls();
    private final FabricFeatures features;
    private final DirectRequests directRequests;

    private FabricMcpServer(Builder builder) {
        this.fabric = builder.fabric;
        this.version = builder.version;
        this.heartbeatInterval = builder.heartbeatInterval;
        this.observer = builder.observer;
        this.features = new FabricFeatures(fabric, new PatternLibrary(fabric, builder.patternRefresh));
        this.directRequests = new DirectRequests(features, jsonMapper());
    }

    /** A builder for a server that calls Fabric through this client. */
    public static Builder builder(FabricClient fabric) {
        return new Builder(fabric);
    }

    /** The JSON mapper the SDK's transports must share with the server. */
    public static McpJsonMapper jsonMapper() {
        return McpJsonDefaults.getMapper();
    }

    /**
     * The calls in flight. A transport that sees {@code notifications/cancelled} or a session end outside the SDK
     * (the HTTP filter) reports it here.
     */
    public RunningCalls runningCalls() {
        return runningCalls;
    }

    /**
     * Prompts, resources and completion over Fabric's patterns, contexts and sessions: the logic both protocol eras
     * serve. Its pattern library loads on first use, then follows Fabric in the background.
     */
    public FabricFeatures features() {
        return features;
    }

    /**
     * The legacy requests fabric-mcp answers in front of the SDK (prompts, completion); a transport that reads
     * requests before the SDK routes those it {@link DirectRequests#handles handles} here.
     */
    public DirectRequests directRequests() {
        return directRequests;
    }

    /** Serves a single-session transport such as stdio; cancellation is intercepted on its session. */
    public McpAsyncServer serve(McpServerTransportProvider transport) {
        return serve(transport, () -> {
        }, new WriteWindow(Integer.MAX_VALUE));
    }

    /**
     * Serves a single-session transport such as stdio.
     *
     * @param onSessionEnd run once the session has ended (for stdio: stdin closed), after the calls still running
     *                     were cancelled; the SDK offers no such hook
     * @param window       bounds the messages queued for the client: give the transport an output stream tracked
     *                     by it ({@link WriteWindow#track}), so that a client that reads slowly slows the relay
     */
    public McpAsyncServer serve(McpServerTransportProvider transport, Runnable onSessionEnd, WriteWindow window) {
        McpServerTransportProvider cancellable = CancellableSessions.wrap(Objects.requireNonNull(transport),
                runningCalls, Objects.requireNonNull(onSessionEnd), Objects.requireNonNull(window), directRequests);
        return build(McpServer.async(cancellable));
    }

    /**
     * Serves Streamable HTTP. The servlet in front of the transport must put each {@code tools/call}'s request id
     * in the transport context under {@link RunningCalls#REQUEST_ID_KEY} and report cancellations to
     * {@link #runningCalls()}.
     */
    public McpAsyncServer serve(McpStreamableServerTransportProvider transport) {
        return build(McpServer.async(Objects.requireNonNull(transport)));
    }

    private McpAsyncServer build(McpServer.AsyncSpecification<?> spec) {
        McpAsyncServer server = spec.serverInfo(SERVER_NAME, version)
                .instructions("Runs Daniel Miessler's Fabric patterns through a running `fabric --serve`. "
                        + "List patterns with fabric_list_patterns, read one with fabric_get_pattern_details, and "
                        + "run it on your text with fabric_run_pattern (stream: true relays the answer as it is "
                        + "written).")
                .capabilities(FabricFeatures.declare(McpSchema.ServerCapabilities.builder().tools(false).logging())
                        .build())
                // Every tool checks its own arguments and names the parameter, the value and what is allowed;
                // the SDK's schema validator would answer first, in JSON-pointer terms.
                .validateToolInputs(false)
                .tools(new FabricTools(fabric, runningCalls, heartbeatInterval, observer, features.library())
                        .specifications())
                .resources(features.resourceSpecifications())
                .resourceTemplates(features.resourceTemplateSpecifications())
                .build();
        features.library().onChange(changed -> server.notifyPromptsListChanged().subscribe(null,
                failure -> LOG.debug("could not tell the clients that the prompts changed: {}", failure.getMessage())));
        return server;
    }

    /** Builds a {@link FabricMcpServer}. */
    public static final class Builder {
        private final FabricClient fabric;
        private String version = "dev";
        private Duration heartbeatInterval = Duration.ofSeconds(10);
        private Duration patternRefresh = PatternLibrary.DEFAULT_REFRESH_INTERVAL;
        private ServerObserver observer = ServerObserver.NONE;

        private Builder(FabricClient fabric) {
            this.fabric = Objects.requireNonNull(fabric, "fabric");
        }

        /** The version this server reports in {@code initialize}. */
        public Builder version(String version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        /**
         * How often a streaming run tells the client "waiting for Fabric…" while Fabric has sent nothing yet, so
         * that clients which reset their timeout on progress keep waiting. Default 10 seconds.
         */
        public Builder heartbeatInterval(Duration heartbeatInterval) {
            if (heartbeatInterval.isZero() || heartbeatInterval.isNegative()) {
                throw new IllegalArgumentException("heartbeatInterval must be positive");
            }
            this.heartbeatInterval = heartbeatInterval;
            return this;
        }

        /**
         * How often the patterns (prompts, the pattern index, fabric_find_patterns) are reloaded from Fabric, so
         * that a pattern added to Fabric shows up without a restart. Default 30 seconds.
         */
        public Builder patternRefresh(Duration patternRefresh) {
            if (patternRefresh.isZero() || patternRefresh.isNegative()) {
                throw new IllegalArgumentException("patternRefresh must be positive");
            }
            this.patternRefresh = patternRefresh;
            return this;
        }

        /** Who is told about tool calls and relayed chunks, e.g. for metrics. Default: nobody. */
        public Builder observer(ServerObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        public FabricMcpServer build() {
            return new FabricMcpServer(this);
        }
    }
}
