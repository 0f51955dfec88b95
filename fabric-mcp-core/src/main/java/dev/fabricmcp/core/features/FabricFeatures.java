package dev.fabricmcp.core.features;

import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.core.MemoryExhausted;
import dev.fabricmcp.core.catalog.PatternLibrary;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Fabric beyond the tools: its patterns as prompts, its content as resources, and name completion, all over one
 * {@link PatternLibrary}. The logic is era-neutral (it returns the SDK's {@link McpSchema} types and throws
 * {@link io.modelcontextprotocol.spec.McpError}s); the legacy server gets SDK specifications from here and
 * answers the rest through {@link DirectRequests}, the modern dispatcher calls the same methods.
 */
public final class FabricFeatures {

    private final PatternLibrary library;
    private final PatternPrompts prompts;
    private final FabricResources resources;
    private final NameCompleter completer;

    public FabricFeatures(FabricClient fabric, PatternLibrary library) {
        this.library = library;
        this.prompts = new PatternPrompts(fabric, library);
        this.resources = new FabricResources(fabric, library);
        this.completer = new NameCompleter(fabric, library);
    }

    /** The patterns, kept in step with Fabric; its refresh interval is the lifetime of a list served from it. */
    public PatternLibrary library() {
        return library;
    }

    public PatternPrompts prompts() {
        return prompts;
    }

    public FabricResources resources() {
        return resources;
    }

    public NameCompleter completer() {
        return completer;
    }

    /** What the server declares: prompts whose list changes, resources, completions. */
    public static McpSchema.ServerCapabilities.Builder declare(McpSchema.ServerCapabilities.Builder capabilities) {
        return capabilities.prompts(true).resources(false, false).completions();
    }

    /** The fixed resources for the SDK's legacy server; reads run off the transport's threads. */
    public List<AsyncResourceSpecification> resourceSpecifications() {
        return resources.resources().stream()
                .map(resource -> new AsyncResourceSpecification(resource,
                        (exchange, request) -> read(request.uri())))
                .toList();
    }

    /** The resource templates for the SDK's legacy server. */
    public List<AsyncResourceTemplateSpecification> resourceTemplateSpecifications() {
        return resources.templates().stream()
                .map(template -> new AsyncResourceTemplateSpecification(template,
                        (exchange, request) -> read(request.uri())))
                .toList();
    }

    private Mono<McpSchema.ReadResourceResult> read(String uri) {
        return Mono.fromCallable(MemoryExhausted.guarded(() -> resources.read(uri))).subscribeOn(Schedulers.boundedElastic());
    }
}
