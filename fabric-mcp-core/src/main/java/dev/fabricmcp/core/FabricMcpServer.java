package dev.fabricmcp.core;

import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.core.call.CallChannel;
import dev.fabricmcp.core.call.FabricTool;
import dev.fabricmcp.core.call.ToolCall;
import dev.fabricmcp.core.catalog.PatternLibrary;
import dev.fabricmcp.core.features.DirectRequests;
import dev.fabricmcp.core.features.FabricFeatures;
import dev.fabricmcp.core.features.FabricResources;
import dev.fabricmcp.core.features.ModernFeatures;
import dev.fabricmcp.core.cancel.RunningCalls;
import dev.fabricmcp.core.protocol.ModernDispatcher;
import dev.fabricmcp.core.protocol.ModernFeature;
import dev.fabricmcp.core.protocol.Subscriptions;
import dev.fabricmcp.core.tools.FabricTools;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.ProtocolVersions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * fabric-mcp's MCP server, for both protocol eras: the Fabric tools (and any {@link ModernFeature}s), the calls in
 * flight, the legacy SDK server built on a transport ({@link #legacy}) and the modern dispatcher
 * ({@link #modern}). Transports come ready-made: {@code dev.fabricmcp.core.transport.StdioTransport} for stdio;
 * {@code dev.fabricmcp.core.transport.http.HttpTransport} for Streamable HTTP.
 */
public final class FabricMcpServer {

    /** The name this server gives in {@code initialize} and in every modern result. */
    public static final String SERVER_NAME = "fabric-mcp";
    /** The legacy revisions served through the SDK, newest first. */
    public static final List<String> LEGACY_VERSIONS = List.of(ProtocolVersions.MCP_2025_11_25,
            ProtocolVersions.MCP_2025_06_18, ProtocolVersions.MCP_2025_03_26, ProtocolVersions.MCP_2024_11_05);

    static final String INSTRUCTIONS = "Runs Daniel Miessler's Fabric patterns through a running `fabric --serve`. "
            + "List patterns with fabric_list_patterns, read one with fabric_get_pattern_details, and "
            + "run it on your text with fabric_run_pattern (stream: true relays the answer as it is written).";

    private static final Logger LOG = LoggerFactory.getLogger(FabricMcpServer.class);

    private final String version;
    private final List<FabricTool> tools;
    private final FabricFeatures features;
    private final DirectRequests directRequests;
    private final RunningCalls runningCalls = new RunningCalls();
    private final ModernDispatcher modern;
    private final ServerObserver observer;

    private FabricMcpServer(Builder builder) {
        this.version = builder.version;
        this.observer = builder.observer;
        this.features = new FabricFeatures(builder.fabric, new PatternLibrary(builder.fabric, builder.patternRefresh));
        this.directRequests = new DirectRequests(features, jsonMapper());
        this.tools = FabricTools.specifications(builder.fabric, builder.heartbeatInterval, builder.observer,
                features.library());
        List<ModernFeature> modernFeatures = new ArrayList<>(ModernFeatures.of(features, directRequests, jsonMapper(),
                builder.patternRefresh));
        modernFeatures.addAll(builder.features);
        this.modern = new ModernDispatcher(jsonMapper(), new McpSchema.Implementation(SERVER_NAME, version),
                INSTRUCTIONS, tools, modernFeatures, runningCalls, subscriptions(features, runningCalls), observer);
    }

    /**
     * Modern subscriptions follow Fabric's patterns: the prompts list, and the pattern index resource. A
     * subscription starts the library's background refresh, which is what notices a pattern added to Fabric.
     */
    private static Subscriptions subscriptions(FabricFeatures features, RunningCalls runningCalls) {
        Subscriptions subscriptions = new Subscriptions(runningCalls, Set.of(FabricResources.PATTERNS),
                features.library()::start);
        features.library().onChange(changed -> {
            subscriptions.promptsChanged();
            subscriptions.resourceUpdated(FabricResources.PATTERNS);
        });
        return subscriptions;
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
     * The calls in flight, by scope (a legacy session, the stdio process, one modern HTTP request) and request id:
     * every transport reports {@code notifications/cancelled}, a client gone or the server stopping here.
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
     * The legacy requests fabric-mcp answers in front of the SDK (prompts, completion); the front doors route those
     * it {@link DirectRequests#handles handles} here.
     */
    public DirectRequests directRequests() {
        return directRequests;
    }

    /** Serves modern requests. */
    public ModernDispatcher modern() {
        return modern;
    }

    /** The legacy SDK server on a single-session transport (stdio). */
    public McpAsyncServer legacy(McpServerTransportProvider transport) {
        return build(McpServer.async(Objects.requireNonNull(transport)));
    }

    /**
     * The legacy SDK server on Streamable HTTP. The front door in front of the transport puts each request's id
     * in the transport context under {@link RunningCalls#REQUEST_ID_KEY}.
     */
    public McpAsyncServer legacy(McpStreamableServerTransportProvider transport) {
        return build(McpServer.async(ObservedSessions.of(Objects.requireNonNull(transport), observer)));
    }

    private McpAsyncServer build(McpServer.AsyncSpecification<?> spec) {
        List<AsyncToolSpecification> specifications = new ArrayList<>();
        tools.forEach(tool -> specifications.add(legacySpecification(tool)));
        McpAsyncServer server = spec.serverInfo(SERVER_NAME, version)
                .instructions(INSTRUCTIONS)
                .capabilities(FabricFeatures.declare(McpSchema.ServerCapabilities.builder().tools(false).logging())
                        .build())
                // Every tool checks its own arguments and names the parameter, the value and what is allowed;
                // the SDK's schema validator would answer first, in JSON-pointer terms.
                .validateToolInputs(false)
                .jsonSchemaValidator(new ToolResultValidator())
                .tools(specifications)
                .resources(features.resourceSpecifications())
                .resourceTemplates(features.resourceTemplateSpecifications())
                .build();
        features.library().onChange(changed -> server.notifyPromptsListChanged().subscribe(null,
                failure -> LOG.debug("could not tell the clients that the prompts changed: {}", failure.getMessage())));
        return server;
    }

    /** A tool as the SDK serves it to a legacy session: the session's exchange adapted to a {@link ToolCall}. */
    private AsyncToolSpecification legacySpecification(FabricTool tool) {
        return AsyncToolSpecification.builder()
                .tool(tool.definition())
                .callHandler((exchange, request) -> {
                    Object requestId = exchange.transportContext().get(RunningCalls.REQUEST_ID_KEY);
                    ToolCall call = new ToolCall(tool.name(), request.arguments(), request.meta(),
                            legacyChannel(exchange), exchange.sessionId(), requestId);
                    RunningCalls.Registration registration = requestId == null || exchange.sessionId() == null
                            ? () -> {
                            }
                            : runningCalls.register(exchange.sessionId(), requestId, call::stop);
                    return tool.call(call).doFinally(signal -> registration.close());
                })
                .build();
    }

    private static CallChannel legacyChannel(McpAsyncServerExchange exchange) {
        // The SDK filters log entries by the level the session chose with logging/setLevel.
        return CallChannel.of(exchange::progressNotification, exchange::loggingNotification);
    }

    /** Builds a {@link FabricMcpServer}. */
    public static final class Builder {
        private final FabricClient fabric;
        private final List<ModernFeature> features = new ArrayList<>();
        private String version = "dev";
        private Duration heartbeatInterval = Duration.ofSeconds(10);
        private Duration patternRefresh = PatternLibrary.DEFAULT_REFRESH_INTERVAL;
        private ServerObserver observer = ServerObserver.NONE;

        private Builder(FabricClient fabric) {
            this.fabric = Objects.requireNonNull(fabric, "fabric");
        }

        /** The version this server reports in {@code initialize} and {@code serverInfo}. */
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

        /** A further method for modern requests (prompts, resources, completion). */
        public Builder feature(ModernFeature feature) {
            features.add(Objects.requireNonNull(feature, "feature"));
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
