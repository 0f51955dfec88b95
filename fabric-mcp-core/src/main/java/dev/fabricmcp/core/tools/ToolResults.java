package dev.fabricmcp.core.tools;

import dev.fabricmcp.core.FailureKind;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that builds tool results, so every tool answers and fails the same way. A failure carries its
 * {@link FailureKind} in {@code _meta} under {@link #ERROR_KIND}, for programs and for the metrics.
 */
public final class ToolResults {

    /** The {@code _meta} key of an {@code isError} result's kind, e.g. {@code fabric_unreachable}. */
    public static final String ERROR_KIND = "dev.fabricmcp/error";

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
    public static McpSchema.CallToolResult failure(FailureKind kind, String message) {
        return failed(kind).addTextContent(message).build();
    }

    /**
     * A failure with what had been produced before it: the message first, then each labelled text, and the same
     * facts as structured content.
     */
    public static McpSchema.CallToolResult failure(FailureKind kind, String message, List<String> labelledTexts,
                                                   Map<String, Object> structured) {
        McpSchema.CallToolResult.Builder result = failed(kind).addTextContent(message);
        labelledTexts.forEach(result::addTextContent);
        return result.structuredContent(structured).build();
    }

    /**
     * A failure after part of the answer had arrived: the message first, then everything received, labelled as
     * partial so no model mistakes it for the whole answer.
     */
    public static McpSchema.CallToolResult failure(FailureKind kind, String message, String partialOutput) {
        if (partialOutput.isEmpty()) {
            return failure(kind, message);
        }
        return failed(kind)
                .addTextContent(message)
                .addTextContent("[partial output: the " + partialOutput.length()
                        + " characters Fabric sent before the failure]\n" + partialOutput)
                .structuredContent(Map.of("error", message, "partial_output_text", partialOutput))
                .build();
    }

    /** The kind of an {@code isError} result built here; empty for a success. */
    public static Optional<FailureKind> kind(McpSchema.CallToolResult result) {
        if (!Boolean.TRUE.equals(result.isError())) {
            return Optional.empty();
        }
        Object kind = result.meta() == null ? null : result.meta().get(ERROR_KIND);
        return Optional.of(kind instanceof String label ? FailureKind.ofLabel(label) : FailureKind.INTERNAL);
    }

    private static McpSchema.CallToolResult.Builder failed(FailureKind kind) {
        return McpSchema.CallToolResult.builder().isError(true).meta(Map.of(ERROR_KIND, kind.label()));
    }
}
