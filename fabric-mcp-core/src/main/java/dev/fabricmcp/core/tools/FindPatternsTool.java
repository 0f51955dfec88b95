package dev.fabricmcp.core.tools;

import dev.fabricmcp.core.catalog.PatternIndex;
import dev.fabricmcp.core.catalog.PatternLibrary;
import dev.fabricmcp.core.call.FabricTool;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code fabric_find_patterns}: the patterns that best fit a task described in words, ranked by the library's
 * Lucene index over names, descriptions and the patterns' own text. The index is built in the background whenever
 * the patterns change, so a search costs only the search.
 */
final class FindPatternsTool {

    private static final Param<String> QUERY = Param.requiredName("query",
            "The task in plain words, e.g. \"look at ransomware samples\" or \"turn meeting notes into action items\".",
            "describe the task the pattern should do");
    private static final Param<Integer> LIMIT = Param.integer("limit", "How many patterns to return, best first.",
            1, 50, 5);

    static final ToolDeclaration DECLARATION = ToolDeclaration.readOnly("fabric_find_patterns",
            "Find Fabric patterns for a task",
            "Finds the Fabric patterns that best fit a task described in words, best first, each with its "
                    + "one-line description and a relevance score. Searches the patterns' names, descriptions and "
                    + "instructions, so it finds a pattern whose name shares no word with the task. Run the one "
                    + "that fits with fabric_run_pattern.",
            """
                    {"type": "object",
                     "properties": {"patterns": {"type": "array", "items": {"type": "object",
                                     "properties": {"name": {"type": "string"}, "description": {"type": "string"},
                                                    "score": {"type": "number"}},
                                     "required": ["name", "description", "score"]}},
                                    "searched": {"type": "integer"}},
                     "required": ["patterns", "searched"]}""",
            QUERY, LIMIT);

    private FindPatternsTool() {
    }

    /** The tool, searching the patterns {@code library} holds at the time of each call. */
    static FabricTool specification(PatternLibrary library) {
        return ToolSpecs.blocking(DECLARATION, args -> {
            String query = args.get(QUERY);
            int limit = args.get(LIMIT);
            return () -> {
                PatternIndex index = library.snapshot().index();
                List<PatternIndex.Hit> hits = index.search(query, limit);
                List<Map<String, Object>> json = hits.stream().map(hit -> ToolSpecs.mapOf("name", hit.name(),
                        "description", hit.description(), "score", round(hit.score()))).toList();
                StringBuilder text = new StringBuilder();
                if (hits.isEmpty()) {
                    text.append("No pattern among Fabric's ").append(index.size()).append(" matches \"").append(query)
                            .append("\". Describe the task in other words, or call fabric_list_patterns.");
                }
                for (int i = 0; i < hits.size(); i++) {
                    PatternIndex.Hit hit = hits.get(i);
                    text.append(i == 0 ? "" : "\n").append(i + 1).append(". ").append(hit.name())
                            .append(String.format(Locale.ROOT, " (score %.2f)", hit.score()))
                            .append(hit.description().isEmpty() ? "" : ": " + hit.description());
                }
                return ToolResults.success(text.toString(), ToolSpecs.mapOf("patterns", json,
                        "searched", index.size()));
            };
        });
    }

    private static double round(double score) {
        return Math.round(score * 1000) / 1000.0;
    }
}
