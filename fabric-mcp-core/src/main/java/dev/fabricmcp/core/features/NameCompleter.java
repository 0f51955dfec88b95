package dev.fabricmcp.core.features;

import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.client.FabricException;
import dev.fabricmcp.core.catalog.PatternLibrary;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * {@code completion/complete}: pattern, context and session names for the resource templates' {@code {name}}, by
 * prefix first, then by substring, case-insensitively, each group in alphabetical order; at most
 * {@link #MAX_VALUES} values with {@code total} and {@code hasMore}. Patterns come from the library (no request to
 * Fabric); contexts and sessions are asked of Fabric each time. An argument that takes no name (a prompt's input or
 * variables), or a prompt or template fabric-mcp does not have, gets an empty completion: completing is a hint, and
 * an error would only interrupt the user's typing.
 */
public final class NameCompleter {

    /** The specification's limit on the values of one completion. */
    public static final int MAX_VALUES = 100;

    private static final McpSchema.CompleteResult NOTHING =
            new McpSchema.CompleteResult(new McpSchema.CompleteResult.CompleteCompletion(List.of(), 0, false));

    private final FabricClient fabric;
    private final PatternLibrary library;

    public NameCompleter(FabricClient fabric, PatternLibrary library) {
        this.fabric = fabric;
        this.library = library;
    }

    /** Completes the argument of a prompt or resource template. */
    public McpSchema.CompleteResult complete(McpSchema.CompleteRequest request) {
        if (request == null || request.argument() == null
                || !(request.ref() instanceof McpSchema.ResourceReference resource)
                || !"name".equals(request.argument().name())) {
            return NOTHING;
        }
        String typed = request.argument().value() == null ? "" : request.argument().value();
        try {
            return switch (resource.uri()) {
                case FabricResources.PATTERN_TEMPLATE -> rank(library.snapshot().names(), typed);
                case FabricResources.CONTEXT_TEMPLATE -> rank(fabric.listContextNames(), typed);
                case FabricResources.SESSION_TEMPLATE -> rank(fabric.listSessionNames(), typed);
                default -> NOTHING;
            };
        } catch (FabricException e) {
            throw PatternPrompts.fabricFailed(e);
        }
    }

    /** The names that contain what was typed: those that start with it first. */
    public static McpSchema.CompleteResult rank(Collection<String> names, String typed) {
        String wanted = typed.toLowerCase(Locale.ROOT);
        List<String> starting = new ArrayList<>();
        List<String> containing = new ArrayList<>();
        for (String name : names) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(wanted)) {
                starting.add(name);
            } else if (lower.contains(wanted)) {
                containing.add(name);
            }
        }
        starting.sort(String.CASE_INSENSITIVE_ORDER);
        containing.sort(String.CASE_INSENSITIVE_ORDER);
        List<String> all = new ArrayList<>(starting);
        all.addAll(containing);
        List<String> values = all.size() > MAX_VALUES ? List.copyOf(all.subList(0, MAX_VALUES)) : List.copyOf(all);
        return new McpSchema.CompleteResult(
                new McpSchema.CompleteResult.CompleteCompletion(values, all.size(), all.size() > MAX_VALUES));
    }
}
