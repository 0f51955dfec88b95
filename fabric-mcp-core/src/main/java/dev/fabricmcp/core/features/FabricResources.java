package dev.fabricmcp.core.features;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.client.FabricContext;
import dev.fabricmcp.client.FabricException;
import dev.fabricmcp.client.FabricNotFoundException;
import dev.fabricmcp.client.FabricSession;
import dev.fabricmcp.client.ModelCatalog;
import dev.fabricmcp.client.Pattern;
import dev.fabricmcp.core.catalog.PatternEntry;
import dev.fabricmcp.core.catalog.PatternLibrary;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fabric's content as MCP resources: the templates {@code fabric://patterns/{name}} (the pattern's system prompt,
 * Markdown), {@code fabric://contexts/{name}} and {@code fabric://sessions/{name}}, and the fixed resources
 * {@code fabric://patterns} (every pattern with its description), {@code fabric://models} and
 * {@code fabric://strategies}. Era-neutral: a name Fabric does not have is {@link #notFound a resource-not-found
 * error}, which each era encodes with its own code.
 */
public final class FabricResources {

    public static final String PATTERNS = "fabric://patterns";
    public static final String MODELS = "fabric://models";
    public static final String STRATEGIES = "fabric://strategies";
    public static final String PATTERN_TEMPLATE = "fabric://patterns/{name}";
    public static final String CONTEXT_TEMPLATE = "fabric://contexts/{name}";
    public static final String SESSION_TEMPLATE = "fabric://sessions/{name}";

    private static final String JSON = "application/json";
    private static final String MARKDOWN = "text/markdown";
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create();

    private final FabricClient fabric;
    private final PatternLibrary library;

    public FabricResources(FabricClient fabric, PatternLibrary library) {
        this.fabric = fabric;
        this.library = library;
    }

    /** The fixed resources. */
    public List<McpSchema.Resource> resources() {
        return List.of(
                resource(PATTERNS, "patterns", "Fabric's patterns",
                        "Every pattern with a one-line description and its resource URI (JSON)."),
                resource(MODELS, "models", "Fabric's models",
                        "The models Fabric can use, by vendor (JSON)."),
                resource(STRATEGIES, "strategies", "Fabric's strategies",
                        "The prompting strategies with their descriptions and prompts (JSON)."));
    }

    /** The resource templates. */
    public List<McpSchema.ResourceTemplate> templates() {
        return List.of(
                template(PATTERN_TEMPLATE, "pattern", "A Fabric pattern",
                        "A pattern's system prompt, as Fabric stores it (Markdown).", MARKDOWN),
                template(CONTEXT_TEMPLATE, "context", "A Fabric context",
                        "A context: text Fabric can put before a pattern (context_name of fabric_run_pattern).",
                        "text/plain"),
                template(SESSION_TEMPLATE, "session", "A Fabric session",
                        "A session's messages (session_name of fabric_run_pattern), as JSON.", JSON));
    }

    /**
     * Reads a resource.
     *
     * @throws McpError resource-not-found for an unknown URI or name; internal error when Fabric fails
     */
    public McpSchema.ReadResourceResult read(String uri) {
        try {
            return switch (uri == null ? "" : uri) {
                case PATTERNS -> json(uri, patternIndex());
                case MODELS -> json(uri, models());
                case STRATEGIES -> json(uri, fabric.listStrategies());
                default -> readNamed(uri);
            };
        } catch (FabricNotFoundException | IllegalArgumentException e) {
            throw notFound(uri);
        } catch (FabricException e) {
            throw PatternPrompts.fabricFailed(e);
        }
    }

    /** The error for a resource that does not exist: {@code -32002} with the URI in its data (2025-11-25). */
    public static McpError notFound(String uri) {
        return McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND)
                .message("Resource not found: " + uri + ". resources/list and resources/templates/list show what"
                        + " fabric-mcp offers; completion/complete suggests names.")
                .data(Map.of("uri", String.valueOf(uri)))
                .build();
    }

    private McpSchema.ReadResourceResult readNamed(String uri) {
        String name;
        if ((name = nameAfter(uri, "fabric://patterns/")) != null) {
            Pattern pattern = fabric.getPattern(name);
            return text(uri, MARKDOWN, pattern.pattern());
        }
        if ((name = nameAfter(uri, "fabric://contexts/")) != null) {
            FabricContext context = fabric.getContext(name);
            return text(uri, "text/plain", context.content());
        }
        if ((name = nameAfter(uri, "fabric://sessions/")) != null) {
            // Fabric answers a session it does not have with an empty one; only a listed name exists.
            if (!fabric.listSessionNames().contains(name)) {
                throw notFound(uri);
            }
            FabricSession session = fabric.getSession(name);
            return json(uri, session.messages());
        }
        throw notFound(uri);
    }

    private List<Map<String, String>> patternIndex() {
        return library.snapshot().patterns().stream().map(FabricResources::indexEntry).toList();
    }

    private static Map<String, String> indexEntry(PatternEntry pattern) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("name", pattern.name());
        entry.put("description", pattern.description());
        entry.put("uri", "fabric://patterns/" + pattern.name());
        return entry;
    }

    private Map<String, Object> models() {
        ModelCatalog catalog = fabric.listModels();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("models", catalog.models());
        json.put("vendors", catalog.vendors());
        return json;
    }

    /** The name in {@code prefix + name}, percent-decoded; null when the URI has another form. */
    private static String nameAfter(String uri, String prefix) {
        if (!uri.startsWith(prefix) || uri.length() == prefix.length()) {
            return null;
        }
        String raw = uri.substring(prefix.length());
        if (raw.contains("/") || raw.contains("?") || raw.contains("#")) {
            return null;
        }
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static McpSchema.ReadResourceResult json(String uri, Object value) {
        return text(uri, JSON, GSON.toJson(value));
    }

    private static McpSchema.ReadResourceResult text(String uri, String mimeType, String text) {
        return new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(uri, mimeType, text)));
    }

    private static McpSchema.Resource resource(String uri, String name, String title, String description) {
        return McpSchema.Resource.builder(uri, name).title(title).description(description).mimeType(JSON).build();
    }

    private static McpSchema.ResourceTemplate template(String uriTemplate, String name, String title,
                                                       String description, String mimeType) {
        return McpSchema.ResourceTemplate.builder(uriTemplate, name).title(title).description(description)
                .mimeType(mimeType).build();
    }
}
