package dev.fabricmcp.core.protocol;

import dev.fabricmcp.core.ServerObserver;
import dev.fabricmcp.core.call.CallChannel;
import dev.fabricmcp.core.call.FabricTool;
import dev.fabricmcp.core.call.ToolCall;
import dev.fabricmcp.core.cancel.RunningCalls;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Serves modern (MCP 2026-07-28) requests: no handshake, every request carries its protocol version, client
 * capabilities and client identity in {@code _meta}, and is answered on its own, by any fabric-mcp process. It
 * serves the same tools as the legacy SDK server, through the same {@link FabricTool}s.
 */
public final class ModernDispatcher {

    /** The modern revision fabric-mcp speaks. */
    public static final String PROTOCOL_VERSION = "2026-07-28";
    /** What {@code server/discover} and {@code UnsupportedProtocolVersionError} list: the modern revisions. */
    public static final List<String> SUPPORTED_VERSIONS = List.of(PROTOCOL_VERSION);

    public static final String META_PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
    public static final String META_CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    public static final String META_SERVER_INFO = "io.modelcontextprotocol/serverInfo";
    public static final String META_LOG_LEVEL = "io.modelcontextprotocol/logLevel";
    public static final String DISCOVER = "server/discover";

    /** Methods of 2025-11-25 and earlier that a modern request may not use. */
    private static final Set<String> REMOVED = Set.of("initialize", "ping", "logging/setLevel",
            "resources/subscribe", "resources/unsubscribe");
    /** How long clients may cache what never changes while this process runs: discovery and the tool list. */
    static final long FIXED_TTL_MS = 3_600_000;

    private static final Logger LOG = LoggerFactory.getLogger(ModernDispatcher.class);

    private final McpJsonMapper mapper;
    private final McpSchema.Implementation serverInfo;
    private final String instructions;
    private final Map<String, FabricTool> tools = new LinkedHashMap<>();
    private final Map<String, ModernFeature> features = new LinkedHashMap<>();
    private final RunningCalls runningCalls;
    private final ServerObserver observer;
    private final Subscriptions subscriptions;

    public ModernDispatcher(McpJsonMapper mapper, McpSchema.Implementation serverInfo, String instructions,
                            List<FabricTool> tools, List<ModernFeature> features, RunningCalls runningCalls,
                            Subscriptions subscriptions, ServerObserver observer) {
        this.mapper = Objects.requireNonNull(mapper);
        this.serverInfo = Objects.requireNonNull(serverInfo);
        this.instructions = instructions;
        this.runningCalls = Objects.requireNonNull(runningCalls);
        this.observer = Objects.requireNonNull(observer);
        this.subscriptions = Objects.requireNonNull(subscriptions);
        tools.forEach(tool -> this.tools.put(tool.name(), tool));
        features.forEach(feature -> this.features.put(feature.method(), feature));
    }

    /**
     * Whether a message opens nothing and belongs to the modern era: it carries a protocol version in
     * {@code _meta}, or it is {@code server/discover} (the probe dual-era clients send first on stdio).
     */
    public static boolean isModern(Inbound.Message message) {
        return message.meta().containsKey(META_PROTOCOL_VERSION) || DISCOVER.equals(message.method());
    }

    /**
     * Answers one modern request.
     *
     * @param request  a request ({@link Inbound.Message#requestId()} not null)
     * @param scope    where the transport will report the request's cancellation ({@link RunningCalls})
     * @param notifier the request's own stream, for its progress and log notifications
     * @return the response; empty when the client cancelled the request (it then expects none)
     */
    public Mono<Map<String, Object>> handle(Inbound.Message request, String scope, Notifier notifier) {
        Object id = request.requestId();
        return Mono.defer(() -> dispatch(request, scope, notifier))
                .map(result -> JsonRpc.result(id, complete(result)))
                .onErrorResume(ProtocolException.class,
                        e -> Mono.just(JsonRpc.error(id, e.code(), e.getMessage(), e.data())))
                .onErrorResume(e -> !(e instanceof ProtocolException), e -> {
                    LOG.warn("{} failed unexpectedly", request.method(), e);
                    return Mono.just(JsonRpc.error(id, JsonRpc.INTERNAL_ERROR, "Internal error: fabric-mcp failed"
                            + " unexpectedly; its log on stderr has the details"));
                })
                // Modern requests have no session: the request in flight is what the era's gauge counts.
                .doOnSubscribe(subscription -> observer.sessionOpened(ServerObserver.Era.MODERN))
                .doFinally(signal -> observer.sessionClosed(ServerObserver.Era.MODERN));
    }

    private Mono<Map<String, Object>> dispatch(Inbound.Message request, String scope, Notifier notifier) {
        Map<String, Object> meta = request.meta();
        McpSchema.LoggingLevel logLevel = checkMeta(request, meta);
        String method = request.method();
        switch (method) {
            case DISCOVER:
                return Mono.just(discover());
            case "tools/list":
                return Mono.just(toolsList());
            case "tools/call":
                return callTool(request, scope, notifier, logLevel);
            case Subscriptions.METHOD:
                return subscriptions.listen(request, scope, notifier);
            default:
                ModernFeature feature = features.get(method);
                if (feature != null) {
                    return feature.handler().handle(request.params());
                }
                throw new ProtocolException(JsonRpc.METHOD_NOT_FOUND, REMOVED.contains(method)
                        ? "Method not found: " + method + " does not exist in MCP " + PROTOCOL_VERSION
                        + (method.startsWith("resources/") ? " (subscriptions/listen with"
                        + " notifications.resourceSubscriptions replaces it)"
                        : " (a modern request needs no initialize, ping or logging/setLevel)")
                        : "Method not found: " + method);
        }
    }

    /** Checks the request's {@code _meta}; returns the log level it asks for, or null for no log entries. */
    private static McpSchema.LoggingLevel checkMeta(Inbound.Message request, Map<String, Object> meta) {
        if (!request.params().containsKey("_meta")) {
            throw new ProtocolException(JsonRpc.INVALID_PARAMS, "Invalid params: a " + PROTOCOL_VERSION
                    + " request carries params._meta with " + META_PROTOCOL_VERSION + " and "
                    + META_CLIENT_CAPABILITIES);
        }
        if (!(meta.get(META_PROTOCOL_VERSION) instanceof String version) || version.isEmpty()) {
            throw new ProtocolException(JsonRpc.INVALID_PARAMS, "Invalid params: _meta." + META_PROTOCOL_VERSION
                    + " is missing (a string such as \"" + PROTOCOL_VERSION + "\")");
        }
        if (!SUPPORTED_VERSIONS.contains(version)) {
            throw unsupportedVersion(version);
        }
        if (!(meta.get(META_CLIENT_CAPABILITIES) instanceof Map<?, ?>)) {
            throw new ProtocolException(JsonRpc.INVALID_PARAMS, "Invalid params: _meta." + META_CLIENT_CAPABILITIES
                    + " is missing (an object, {} when the client declares none)");
        }
        Object level = meta.get(META_LOG_LEVEL);
        if (level == null) {
            return null;
        }
        for (McpSchema.LoggingLevel known : McpSchema.LoggingLevel.values()) {
            if (known.name().toLowerCase(java.util.Locale.ROOT).equals(level)) {
                return known;
            }
        }
        throw new ProtocolException(JsonRpc.INVALID_PARAMS, "Invalid params: _meta." + META_LOG_LEVEL
                + " must be one of debug, info, notice, warning, error, critical, alert, emergency");
    }

    /** The {@code UnsupportedProtocolVersionError} for a version this server does not speak. */
    public static ProtocolException unsupportedVersion(String requested) {
        return new ProtocolException(JsonRpc.UNSUPPORTED_PROTOCOL_VERSION, "Unsupported protocol version: "
                + requested + "; this server speaks " + String.join(", ", SUPPORTED_VERSIONS)
                + " (and 2025-11-25 through initialize)",
                Map.of("supported", SUPPORTED_VERSIONS, "requested", requested));
    }

    private Map<String, Object> discover() {
        Map<String, Object> capabilities = new LinkedHashMap<>();
        capabilities.put("tools", Map.of());
        capabilities.put("logging", Map.of());
        capabilities.putAll(subscriptions.capabilities());
        features.values().forEach(feature -> capabilities.putIfAbsent(feature.capability(), Map.of()));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("supportedVersions", SUPPORTED_VERSIONS);
        result.put("capabilities", capabilities);
        if (instructions != null) {
            result.put("instructions", instructions);
        }
        result.put("ttlMs", FIXED_TTL_MS);
        result.put("cacheScope", "public");
        return result;
    }

    private Map<String, Object> toolsList() {
        List<Object> definitions = new ArrayList<>();
        tools.values().forEach(tool -> definitions.add(tool.definition()));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("tools", definitions);
        // The tools are fixed for the life of the process, and the same for every client.
        result.put("ttlMs", FIXED_TTL_MS);
        result.put("cacheScope", "public");
        return result;
    }

    private Mono<Map<String, Object>> callTool(Inbound.Message request, String scope, Notifier notifier,
                                               McpSchema.LoggingLevel logLevel) {
        String name = (String) request.params().get("name");
        FabricTool tool = tools.get(name);
        if (tool == null) {
            throw new ProtocolException(JsonRpc.INVALID_PARAMS, "Unknown tool: " + name + " (tools/list lists"
                    + " the tools)");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> arguments = (Map<String, Object>) request.params().get("arguments");
        ToolCall call = new ToolCall(name, arguments, request.meta(), channel(notifier, logLevel), scope,
                request.requestId());
        RunningCalls.Registration registration = runningCalls.register(scope, request.requestId(), call::stop);
        return tool.call(call)
                .map(result -> mapper.convertValue(result, new TypeRef<Map<String, Object>>() {
                }))
                .doFinally(signal -> registration.close());
    }

    private static CallChannel channel(Notifier notifier, McpSchema.LoggingLevel logLevel) {
        return CallChannel.of(progress -> notifier.send(McpSchema.METHOD_NOTIFICATION_PROGRESS, progress), entry -> {
            // A modern request gets log entries only when it asked for them, at its level or above.
            if (logLevel == null || entry.level().level() < logLevel.level()) {
                return Mono.empty();
            }
            return notifier.send(McpSchema.METHOD_NOTIFICATION_MESSAGE, entry);
        });
    }

    /** Every modern result says it is complete and who answered. */
    private Map<String, Object> complete(Map<String, Object> result) {
        Map<String, Object> complete = new LinkedHashMap<>(result);
        complete.put("resultType", "complete");
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = complete.get("_meta") instanceof Map<?, ?> existing
                ? new LinkedHashMap<>((Map<String, Object>) existing) : new LinkedHashMap<>();
        meta.put(META_SERVER_INFO, Map.of("name", serverInfo.name(), "version", serverInfo.version()));
        complete.put("_meta", meta);
        return complete;
    }
}
