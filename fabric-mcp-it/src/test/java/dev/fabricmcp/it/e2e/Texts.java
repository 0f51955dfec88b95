package dev.fabricmcp.it.e2e;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.stream.Collectors;

/** Reads tool results the way a model does: as text. */
final class Texts {

    private Texts() {
    }

    static String of(McpSchema.CallToolResult result) {
        return result.content().stream()
                .map(content -> ((McpSchema.TextContent) content).text())
                .collect(Collectors.joining("\n\n"));
    }
}
