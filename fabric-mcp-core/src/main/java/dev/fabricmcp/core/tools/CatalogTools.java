package dev.fabricmcp.core.tools;

import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.client.ModelCatalog;
import dev.fabricmcp.client.Pattern;
import dev.fabricmcp.client.Strategy;
import dev.fabricmcp.core.call.FabricTool;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The read-only tools that tell a model what Fabric has: patterns, a pattern's prompt, models, strategies. */
final class CatalogTools {

    static final ToolDeclaration LIST_PATTERNS = ToolDeclaration.readOnly("fabric_list_patterns",
            "List Fabric patterns",
            "Lists the names of every Fabric pattern (a reusable prompt such as summarize, extract_wisdom or "
                    + "analyze_claims). Call this first to find a pattern for the user's task, then run it with "
                    + "fabric_run_pattern.",
            """
                    {"type": "object", "properties": {"patterns": {"type": "array", "items": {"type": "string"}}},
                     "required": ["patterns"]}""");

    private static final Param<String> PATTERN_NAME = Param.requiredName("pattern_name",
            "The pattern's name, as fabric_list_patterns lists it.",
            "give the name of a pattern (see fabric_list_patterns)");

    static final ToolDeclaration PATTERN_DETAILS = ToolDeclaration.readOnly("fabric_get_pattern_details",
            "Show a Fabric pattern",
            "Shows a Fabric pattern's system prompt: what it asks the model to do and what output it produces. "
                    + "Use it to check that a pattern fits before running it, or to learn which {{variables}} "
                    + "it expects.",
            """
                    {"type": "object", "properties": {"name": {"type": "string"}, "description": {"type": "string"},
                                                      "system_prompt": {"type": "string"}},
                     "required": ["name", "description", "system_prompt"]}""",
            PATTERN_NAME);

    static final ToolDeclaration LIST_MODELS = ToolDeclaration.readOnly("fabric_list_models", "List Fabric models",
            "Lists the models Fabric can use, grouped by vendor. Use a name from here as model_name (and its "
                    + "vendor as vendor_name) in fabric_run_pattern; leave both out to use Fabric's default model.",
            """
                    {"type": "object",
                     "properties": {"models": {"type": "array", "items": {"type": "string"}},
                                    "vendors": {"type": "object",
                                                "additionalProperties": {"type": "array", "items": {"type": "string"}}}},
                     "required": ["models", "vendors"]}""");

    static final ToolDeclaration LIST_STRATEGIES = ToolDeclaration.readOnly("fabric_list_strategies",
            "List Fabric strategies",
            "Lists Fabric's prompting strategies (e.g. cot for chain-of-thought) with what each does. Pass a "
                    + "name as strategy_name to fabric_run_pattern to put that strategy before the pattern.",
            """
                    {"type": "object",
                     "properties": {"strategies": {"type": "array", "items": {"type": "object",
                                     "properties": {"name": {"type": "string"}, "description": {"type": "string"},
                                                    "prompt": {"type": "string"}},
                                     "required": ["name", "description", "prompt"]}}},
                     "required": ["strategies"]}""");

    private final FabricClient fabric;

    CatalogTools(FabricClient fabric) {
        this.fabric = fabric;
    }

    FabricTool listPatterns() {
        return ToolSpecs.fabricCall(LIST_PATTERNS, args -> fabric.listPatternNamesAsync(), patterns -> {
            String text = patterns.isEmpty() ? "Fabric has no patterns installed (run `fabric --setup`)."
                    : patterns.size() + " patterns:\n" + String.join("\n", patterns);
            return ToolResults.success(text, ToolSpecs.mapOf("patterns", patterns));
        });
    }

    FabricTool patternDetails() {
        return ToolSpecs.fabricCall(PATTERN_DETAILS, args -> fabric.getPatternAsync(args.get(PATTERN_NAME)),
                pattern -> ToolResults.success(pattern.pattern(), ToolSpecs.mapOf("name", pattern.name(),
                        "description", pattern.description(), "system_prompt", pattern.pattern())));
    }

    FabricTool listModels() {
        return ToolSpecs.fabricCall(LIST_MODELS, args -> fabric.listModelsAsync(), catalog -> {
            String text = catalog.vendors().isEmpty() ? "Fabric has no models configured (run `fabric --setup`)."
                    : catalog.vendors().entrySet().stream()
                            .map(v -> v.getKey() + ": " + String.join(", ", v.getValue()))
                            .collect(Collectors.joining("\n"));
            return ToolResults.success(text, ToolSpecs.mapOf("models", catalog.models(),
                    "vendors", catalog.vendors()));
        });
    }

    FabricTool listStrategies() {
        return ToolSpecs.fabricCall(LIST_STRATEGIES, args -> fabric.listStrategiesAsync(), strategies -> {
            String text = strategies.isEmpty() ? "Fabric has no strategies installed (run `fabric --setup`)."
                    : strategies.stream().map(s -> s.name() + ": " + s.description())
                            .collect(Collectors.joining("\n"));
            List<Map<String, Object>> json = strategies.stream()
                    .map(s -> ToolSpecs.mapOf("name", s.name(), "description", s.description(), "prompt", s.prompt()))
                    .toList();
            return ToolResults.success(text, ToolSpecs.mapOf("strategies", json));
        });
    }
}
