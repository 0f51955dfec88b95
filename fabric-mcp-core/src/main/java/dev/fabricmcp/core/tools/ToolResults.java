package dev.fabricmcp.core.tools;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;

/** The one place that builds tool results, so every tool answers and fails the same way. */
public final class ToolResults {

    private ToolResults() {
    }

    /** A success: the text a model reads, and the same facts as structured content for programs. */
    public static McpSchema.CallToolResult success(String text, Map<String, Object> structured) {
        return McpSchema.CallToolResult.builder()
                .addTextContent(text)
                .structuredContent(structured)
                .isError(false)
                .build();
    }

    /** A failure that says what happened and what to do. */
    public static McpSchema.CallToolResult failure(String message) {
        return McpSchema.CallToolResult.builder().addTextContent(message).isError(true).build();
    }

    /**
     * A failure with what had been produced before it: the message first, then each labelled text, and the same
     * facts as structured content.
     */
    public static McpSchema.CallToolResult failure(String message, List<String> labelledTexts,
                                                   Map<String, Object> structured) {
        McpSchema.CallToolResult.Builder result = McpSchema.CallToolResult.builder().addTextContent(message);
        labelledTexts.forEach(result::addTextContent);
        return result.structuredContent(structured).isError(true).build();
    }

    /**
     * A failure after part of the answer had arrived: the message first, then everything received, labelled as
     * partial so no model mistakes it for the whole answer.
     */
    public static McpSchema.CallToolResult failure(String message, String partialOutput) {
        if (partialOutput.isEmpty()) {
            return failure(message);
        }
        return McpSchema.CallToolResult.builder()
                .addTextContent(message)
                .addTextContent("[partial output: the " + partialOutput.length()
                        + " characters Fabric sent before the failure]\n" + partialOutput)
                .structuredContent(Map.of("error", message, "partial_output_text", partialOutput))
                .isError(true)
                .build();
    }
}
