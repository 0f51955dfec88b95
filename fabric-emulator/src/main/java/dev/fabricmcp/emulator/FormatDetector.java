package dev.fabricmcp.emulator;

import java.util.List;

/**
 * Fabric's {@code detectFormat}: applied to each content chunk on its own, {@code mermaid} when the chunk
 * starts with a Mermaid diagram keyword, else {@code markdown}.
 */
final class FormatDetector {

    private static final List<String> MERMAID_PREFIXES =
            List.of("graph TD", "gantt", "flowchart", "sequenceDiagram", "classDiagram", "stateDiagram");

    private FormatDetector() {
    }

    static String detect(String chunk) {
        for (String prefix : MERMAID_PREFIXES) {
            if (chunk.startsWith(prefix)) {
                return "mermaid";
            }
        }
        return "markdown";
    }
}
