package dev.fabricmcp.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole answer of a {@code /chat} run, as {@link FabricClient#chat(ChatRequest, java.util.function.Consumer)}
 * completes it.
 *
 * @param text   every content chunk, joined in Fabric's order
 * @param format {@code mermaid} when the answer starts with a mermaid keyword, else {@code markdown}
 * @param usage  the token counts, when Fabric reported them
 */
public record ChatAnswer(String text, String format, Optional<FabricChunk.Usage> usage) {

    /** Fabric's mermaid keywords: an answer that starts with one of them is a diagram. */
    private static final List<String> MERMAID_KEYWORDS = List.of("graph TD", "gantt", "flowchart", "sequenceDiagram",
            "classDiagram", "stateDiagram");

    public ChatAnswer {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(usage, "usage");
    }

    /**
     * The format of a whole answer: {@code mermaid} when it starts with a mermaid keyword, else {@code markdown}.
     * Fabric decides per chunk, which means nothing when a chunk is a single token; this decides on the answer.
     */
    public static String formatOf(CharSequence answer) {
        String start = answer.subSequence(0, Math.min(answer.length(), 64)).toString().stripLeading();
        return MERMAID_KEYWORDS.stream().anyMatch(start::startsWith) ? "mermaid" : "markdown";
    }
}
