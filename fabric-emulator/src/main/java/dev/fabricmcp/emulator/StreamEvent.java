package dev.fabricmcp.emulator;

/**
 * One event of the {@code /chat} stream, Fabric's {@code StreamResponse}: keys {@code type, format, content,
 * usage} in that order, the last three {@code omitempty}.
 *
 * @param type    {@code content}, {@code usage}, {@code error} or {@code complete}
 * @param format  {@code markdown}, {@code mermaid}, {@code plain}, or {@code ""}
 * @param content the text, may be {@code ""}
 * @param usage   the token usage, or {@code null}
 */
public record StreamEvent(String type, String format, String content, TokenUsage usage) {

    /** The {@code complete} event: {@code {"type":"complete","format":"plain"}}. */
    public static final StreamEvent COMPLETE = new StreamEvent("complete", "plain", "", null);

    /** A content chunk, its format detected per chunk as Fabric does. */
    public static StreamEvent content(String text) {
        return new StreamEvent("content", FormatDetector.detect(text), text, null);
    }

    /** A usage event (no format, no content). */
    public static StreamEvent usage(TokenUsage usage) {
        return new StreamEvent("usage", "", "", usage);
    }

    /** An error event; {@code content} is the full text, normally {@code "Error: ..."}. */
    public static StreamEvent error(String content) {
        return new StreamEvent("error", "plain", content, null);
    }

    /** The compact JSON, exactly as Fabric marshals it. */
    public String toJson() {
        return Json.encode(new JsonFields().field("type", type).omitEmpty("format", format)
                .omitEmpty("content", content).omitEmpty("usage", usage == null ? null : usage.toJson()));
    }

    /** The bytes on the wire: {@code data: <json>\n\n}. */
    public String toWire() {
        return "data: " + toJson() + "\n\n";
    }
}
