package dev.fabricmcp.client;

import java.util.Objects;

/**
 * One event of Fabric's {@code /chat} stream, as Fabric sent it.
 *
 * @param type    what the event carries
 * @param format  Fabric's {@code format} field ({@code markdown}, {@code mermaid}, {@code plain}); empty when absent
 * @param content the text; empty when absent
 * @param usage   token counts, present only on {@link Type#USAGE} events
 */
public record FabricChunk(Type type, String format, String content, Usage usage) {

    /** The kinds of event Fabric sends. */
    public enum Type {
        CONTENT, USAGE, ERROR, COMPLETE;

        /** The name Fabric uses on the wire, e.g. {@code content}. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public FabricChunk {
        Objects.requireNonNull(type, "type");
        format = format == null ? "" : format;
        content = content == null ? "" : content;
    }

    /** A content chunk, as Fabric sends one for each delta of the model's answer. */
    public static FabricChunk content(String format, String content) {
        return new FabricChunk(Type.CONTENT, format, content, null);
    }

    /**
     * Token counts reported by Fabric.
     *
     * @param inputTokens  tokens of the prompt
     * @param outputTokens tokens of the answer
     * @param totalTokens  their sum, as Fabric reports it
     */
    public record Usage(long inputTokens, long outputTokens, long totalTokens) {
    }
}
