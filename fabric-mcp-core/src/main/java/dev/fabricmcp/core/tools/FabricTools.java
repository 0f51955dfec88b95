package dev.fabricmcp.core.tools;

import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.core.ServerObserver;
import dev.fabricmcp.core.cancel.RunningCalls;
import dev.fabricmcp.core.catalog.PatternLibrary;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Every tool fabric-mcp offers, built over one {@link FabricClient}. */
public final class FabricTools {

    private final FabricClient fabric;
    private final RunningCalls runningCalls;
    private final Duration heartbeat;
    private final ServerObserver observer;
    private final PatternLibrary library;

    public FabricTools(FabricClient fabric, RunningCalls runningCalls, Duration heartbeat, ServerObserver observer,
                       PatternLibrary library) {
        this.fabric = fabric;
        this.runningCalls = runningCalls;
        this.heartbeat = heartbeat;
        this.observer = observer;
        this.library = library;
    }

    /** Every tool's declaration, in the order clients list them (and docs/tools.md describes them). */
    static final List<ToolDeclaration> DECLARATIONS = List.of(CatalogTools.LIST_PATTERNS, FindPatternsTool.DECLARATION,
            CatalogTools.PATTERN_DETAILS, RunPatternTool.DECLARATION, RunPipelineTool.DECLARATION,
            CatalogTools.LIST_MODELS, CatalogTools.LIST_STRATEGIES, ContentTools.LIST_CONTEXTS,
            ContentTools.GET_CONTEXT, ContentTools.LIST_SESSIONS, ContentTools.GET_SESSION,
            YouTubeTranscriptTool.DECLARATION, ConfigurationTool.DECLARATION);

    /** The tool specifications, in the order of {@link #DECLARATIONS}. */
    public List<AsyncToolSpecification> specifications() {
        CatalogTools catalog = new CatalogTools(fabric, runningCalls);
        ContentTools content = new ContentTools(fabric);
        Map<String, AsyncToolSpecification> byName = Stream.of(catalog.listPatterns(), catalog.patternDetails(),
                        new RunPatternTool(fabric, runningCalls, heartbeat, observer).specification(),
                        catalog.listModels(), catalog.listStrategies(), new ConfigurationTool(fabric, runningCalls).specification(),
                        new FindPatternsTool(library).specification(),
                        new RunPipelineTool(fabric, runningCalls, heartbeat, observer).specification(),
                        content.listContexts(), content.getContext(), content.listSessions(), content.getSession(),
                        new YouTubeTranscriptTool(fabric).specification())
                .collect(Collectors.toMap(spec -> spec.tool().name(), spec -> spec));
        return DECLARATIONS.stream()
                .map(declaration -> Objects.requireNonNull(byName.get(declaration.name()), declaration.name()))
                .map(spec -> ObservedTool.observed(spec, observer))
                .toList();
    }
}
