package dev.fabricmcp.core.testing;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.stream.Collectors;

/** Reads tool results the way a model does: as text. */
public final class Texts {

    private Texts() {
    }

    /** All text contents of a result, joined with blank lines. */
    public static String of(McpSchema.CallToolResult result) {
        return result.content().stream()
                .map(content -> ((McpSchema.TextContent) content).text())
                .collect(Collectors.joining("\n\n"));
    }
}
