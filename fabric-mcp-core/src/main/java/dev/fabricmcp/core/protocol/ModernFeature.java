package dev.fabricmcp.core.protocol;

import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * A method the modern dispatcher serves besides discovery and tools (prompts, resources, completion): the one
 * place such features are registered for modern requests; the result is completed with {@code resultType} and
 * {@code serverInfo} by the dispatcher.
 *
 * @param method     the JSON-RPC method, e.g. {@code prompts/list}
 * @param capability the capability it belongs to in {@code server/discover}, e.g. {@code prompts}
 * @param handler    answers the request's params with the result object, or fails with a
 *                   {@link ProtocolException} for a JSON-RPC error
 */
public record ModernFeature(String method, String capability, Handler handler) {

    /** Answers one request. */
    @FunctionalInterface
    public interface Handler {
        Mono<Map<String, Object>> handle(Map<String, Object> params);
    }
}
