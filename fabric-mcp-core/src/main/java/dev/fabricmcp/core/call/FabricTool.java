package dev.fabricmcp.core.call;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * A tool as both eras serve it: its definition as {@code tools/list} shows it, and its work on a {@link ToolCall}.
 * The handler never fails: every failure is an {@code isError} result.
 */
public record FabricTool(McpSchema.Tool definition, Function<ToolCall, Mono<McpSchema.CallToolResult>> handler) {

    public String name() {
        return definition.name();
    }

    public Mono<McpSchema.CallToolResult> call(ToolCall call) {
        return handler.apply(call);
    }
}
