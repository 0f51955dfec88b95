package dev.fabricmcp.core.tools;

import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.core.ServerObserver;
import dev.fabricmcp.core.call.FabricTool;
import dev.fabricmcp.core.catalog.PatternLibrary;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Every tool fabric-mcp offers, built over one {@link FabricClient}. */
public final class FabricTools {

    /** Every tool's declaration, in the order clients list them (and docs/tools.md describes them). */
    static final List<ToolDeclaration> DECLARATIONS = List.of(CatalogTools.LIST_PATTERNS, FindPatternsTool.DECLARATION,
            CatalogTools.PATTERN_DETAILS, RunPatternTool.DECLARATION, RunPipelineTool.DECLARATION,
            CatalogTools.LIST_MODELS, CatalogTools.LIST_STRATEGIES, ContentTools.LIST_CONTEXTS,
            ContentTools.GET_CONTEXT, ContentTools.LIST_SESSIONS, ContentTools.GET_SESSION,
            YouTubeTranscriptTool.DECLARATION, ConfigurationTool.DECLARATION);

    private FabricTools() {
    }

    /**
     * The tool specifications, in the order of {@link #DECLARATIONS}: over {@code fabric}, with a "waiting for
     * Fabric" notification every {@code heartbeat} of a streamed run's silence, telling {@code observer} what they
     * do, and searching the patterns of {@code library}.
     */
    public static List<FabricTool> specifications(FabricClient fabric, Duration heartbeat, ServerObserver observer,
                                                  PatternLibrary library) {
        CatalogTools catalog = new CatalogTools(fabric);
        ContentTools content = new ContentTools(fabric);
        Map<String, FabricTool> byName = Stream.of(catalog.listPatterns(), catalog.patternDetails(),
                        new RunPatternTool(fabric, heartbeat, observer).specification(),
                        catalog.listModels(), catalog.listStrategies(), ConfigurationTool.specification(fabric),
                        FindPatternsTool.specification(library),
                        new RunPipelineTool(fabric, heartbeat, observer).specification(),
                        content.listContexts(), content.getContext(), content.listSessions(), content.getSession(),
                        YouTubeTranscriptTool.specification(fabric))
                .collect(Collectors.toMap(spec -> spec.name(), spec -> spec));
        return DECLARATIONS.stream()
                .map(declaration -> Objects.requireNonNull(byName.get(declaration.name()), declaration.name()))
                .map(spec -> ObservedTool.observed(spec, observer))
                .toList();
    }
}
