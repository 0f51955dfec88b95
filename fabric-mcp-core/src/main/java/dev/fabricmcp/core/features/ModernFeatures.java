package dev.fabricmcp.core.features;

import dev.fabricmcp.core.MemoryExhausted;
import dev.fabricmcp.core.protocol.JsonRpc;
import dev.fabricmcp.core.protocol.ModernFeature;
import dev.fabricmcp.core.protocol.ProtocolException;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Prompts, resources and completion for modern (2026-07-28) requests, over the same {@link FabricFeatures} the
 * legacy path serves. Lists carry caching hints that are true for what they list: Fabric's patterns (prompts,
 * resources derived from them) change when the user adds one, and fabric-mcp reloads them every pattern refresh.
 */
public final class ModernFeatures {

    private final FabricFeatures features;
    private final DirectRequests direct;
    private final McpJsonMapper json;
    private final long ttlMs;

    private ModernFeatures(FabricFeatures features, DirectRequests direct, McpJsonMapper json, Duration refresh) {
        this.features = features;
        this.direct = direct;
        this.json = json;
        this.ttlMs = refresh.toMillis();
    }

    /** The modern methods of these features. */
    public static List<ModernFeature> of(FabricFeatures features, DirectRequests direct, McpJsonMapper json,
                                         Duration patternRefresh) {
        ModernFeatures modern = new ModernFeatures(features, direct, json, patternRefresh);
        return List.of(
                new ModernFeature(McpSchema.METHOD_PROMPT_LIST, "prompts",
                        params -> modern.viaDirect(McpSchema.METHOD_PROMPT_LIST, params, true)),
                new ModernFeature(McpSchema.METHOD_PROMPT_GET, "prompts",
                        params -> modern.viaDirect(McpSchema.METHOD_PROMPT_GET, params, false)),
                new ModernFeature(McpSchema.METHOD_COMPLETION_COMPLETE, "completions",
                        params -> modern.viaDirect(McpSchema.METHOD_COMPLETION_COMPLETE, params, false)),
                new ModernFeature(McpSchema.METHOD_RESOURCES_LIST, "resources",
                        params -> modern.blocking(() -> modern.cached(Map.of("resources",
                                features.resources().resources())))),
                new ModernFeature(McpSchema.METHOD_RESOURCES_TEMPLATES_LIST, "resources",
                        params -> modern.blocking(() -> modern.cached(Map.of("resourceTemplates",
                                features.resources().templates())))),
                new ModernFeature(McpSchema.METHOD_RESOURCES_READ, "resources",
                        params -> modern.blocking(() -> modern.read(params))));
    }

    /** The legacy path's own answer (prompts, completion), as a modern result or error. */
    private Mono<Map<String, Object>> viaDirect(String method, Map<String, Object> params, boolean cached) {
        return direct.answer(new McpSchema.JSONRPCRequest(McpSchema.JSONRPC_VERSION, method, "modern", params))
                .map(response -> {
                    if (response.error() != null) {
                        throw new ProtocolException(response.error().code(), response.error().message(),
                                response.error().data());
                    }
                    Map<String, Object> result = asMap(response.result());
                    return cached ? cached(result) : result;
                });
    }

    private Map<String, Object> read(Map<String, Object> params) {
        if (!(params.get("uri") instanceof String uri)) {
            throw new ProtocolException(JsonRpc.INVALID_PARAMS, "Invalid params: resources/read needs a uri");
        }
        return cached(asMap(features.resources().read(uri)));
    }

    private Mono<Map<String, Object>> blocking(Callable<Map<String, Object>> work) {
        return Mono.fromCallable(MemoryExhausted.guarded(work)).subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(McpError.class, failure -> new ProtocolException(
                        // A resource that does not exist is -32602 in 2026-07-28 (it was -32002).
                        failure.getJsonRpcError().code() == McpSchema.ErrorCodes.RESOURCE_NOT_FOUND
                                ? JsonRpc.INVALID_PARAMS : failure.getJsonRpcError().code(),
                        failure.getJsonRpcError().message(), failure.getJsonRpcError().data()));
    }

    private Map<String, Object> cached(Map<String, Object> result) {
        Map<String, Object> hinted = new LinkedHashMap<>(asMap(result));
        hinted.put("ttlMs", ttlMs);
        hinted.put("cacheScope", "public");
        return hinted;
    }

    private Map<String, Object> asMap(Object value) {
        return json.convertValue(value, new TypeRef<Map<String, Object>>() {
        });
    }
}
