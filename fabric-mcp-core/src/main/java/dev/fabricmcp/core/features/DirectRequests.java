package dev.fabricmcp.core.features;

import dev.fabricmcp.core.MemoryExhausted;
import dev.fabricmcp.core.tools.FailureMessages;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The legacy-era requests fabric-mcp answers itself, in front of the MCP Java SDK 2.1.0, because the SDK cannot
 * answer them as fabric-mcp must: its prompts are a fixed registry (Fabric's patterns come and go, and registering
 * 250 of them one by one notifies every client 250 times), and it refuses to complete for a prompt it does not
 * hold, where the conformance suite expects an empty completion. Both transports route these methods here: the
 * stdio session decorator and the HTTP filter.
 */
public final class DirectRequests {

    private static final Logger LOG = LoggerFactory.getLogger(DirectRequests.class);
    private static final Set<String> METHODS = Set.of(McpSchema.METHOD_PROMPT_LIST, McpSchema.METHOD_PROMPT_GET,
            McpSchema.METHOD_COMPLETION_COMPLETE);

    private final FabricFeatures features;
    private final McpJsonMapper json;

    public DirectRequests(FabricFeatures features, McpJsonMapper json) {
        this.features = features;
        this.json = json;
    }

    /** Whether this request is answered here rather than by the SDK. */
    public boolean handles(McpSchema.JSONRPCMessage message) {
        return message instanceof McpSchema.JSONRPCRequest request && request.id() != null
                && METHODS.contains(request.method());
    }

    /** The response to a request {@link #handles handled} here; the work runs off the transport's threads. */
    public Mono<McpSchema.JSONRPCResponse> answer(McpSchema.JSONRPCRequest request) {
        return Mono.fromCallable(MemoryExhausted.guarded(
                        () -> McpSchema.JSONRPCResponse.result(request.id(), result(request))))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorResume(failure -> Mono.just(McpSchema.JSONRPCResponse.error(request.id(), error(request,
                        failure))));
    }

    private Object result(McpSchema.JSONRPCRequest request) {
        return switch (request.method()) {
            case McpSchema.METHOD_PROMPT_LIST -> new McpSchema.ListPromptsResult(features.prompts().list(), null);
            case McpSchema.METHOD_PROMPT_GET -> {
                McpSchema.GetPromptRequest get = json.convertValue(params(request), McpSchema.GetPromptRequest.class);
                yield features.prompts().get(get.name(), get.arguments());
            }
            default -> features.completer().complete(completeRequest(params(request)));
        };
    }

    private static Map<?, ?> params(McpSchema.JSONRPCRequest request) {
        if (!(request.params() instanceof Map<?, ?> params)) {
            throw PatternPrompts.invalid(request.method() + " needs params (an object).");
        }
        return params;
    }

    /** The SDK reads a completion's polymorphic {@code ref} by hand; so does this. */
    private static McpSchema.CompleteRequest completeRequest(Map<?, ?> params) {
        if (!(params.get("ref") instanceof Map<?, ?> ref) || !(params.get("argument") instanceof Map<?, ?> argument)) {
            throw PatternPrompts.invalid("completion/complete needs a ref and an argument.");
        }
        McpSchema.CompleteReference reference = switch (String.valueOf(ref.get("type"))) {
            case McpSchema.PromptReference.TYPE -> new McpSchema.PromptReference(String.valueOf(ref.get("name")));
            case McpSchema.ResourceReference.TYPE -> new McpSchema.ResourceReference(String.valueOf(ref.get("uri")));
            default -> throw PatternPrompts.invalid("ref.type must be ref/prompt or ref/resource, got "
                    + ref.get("type") + ".");
        };
        Object value = argument.get("value");
        return new McpSchema.CompleteRequest(reference, new McpSchema.CompleteRequest.CompleteArgument(
                String.valueOf(argument.get("name")), value == null ? "" : String.valueOf(value)));
    }

    private static McpSchema.JSONRPCResponse.JSONRPCError error(McpSchema.JSONRPCRequest request, Throwable failure) {
        if (failure instanceof McpError mcp) {
            LOG.info("{} failed: {}", request.method(), mcp.getMessage());
            return mcp.getJsonRpcError();
        }
        LOG.warn("{} failed unexpectedly", request.method(), failure);
        return new McpSchema.JSONRPCResponse.JSONRPCError(McpSchema.ErrorCodes.INTERNAL_ERROR,
                FailureMessages.describe(failure), null);
    }
}
