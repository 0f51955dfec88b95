package dev.fabricmcp.core.tools;

import dev.fabricmcp.client.FabricClient;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code fabric_get_configuration}: Fabric's vendor settings with every value that can hold a secret redacted.
 * Fabric's {@code /config} keys are vendor names ({@code openai}, {@code mistral}, ...) whose values are API keys,
 * masked by recent Fabric and in clear on older Fabric, so redaction goes by "can this hold a secret", never by a
 * key's name or prefix: only the URL entries and plain flags pass, and a URL loses any credentials in it.
 */
final class ConfigurationTool {

    /** What replaces a secret. */
    static final String REDACTED = "[REDACTED_BY_MCP_SERVER]";

    private static final Set<String> URL_KEYS = Set.of("ollama", "lmstudio");

    private final FabricClient fabric;

    ConfigurationTool(FabricClient fabric) {
        this.fabric = fabric;
    }

    static final ToolDeclaration DECLARATION = ToolDeclaration.readOnly("fabric_get_configuration",
            "Show Fabric's configuration",
            "Shows which vendors Fabric has configured (API keys are replaced by " + REDACTED
                    + "; an empty value means not configured) and the Ollama and LM Studio URLs. Use it to "
                    + "explain why a model or vendor is missing.",
            """
                    {"type": "object", "additionalProperties": {"type": "string"}}""");

    AsyncToolSpecification specification() {
        return ToolSpecs.blocking(DECLARATION, args -> () -> {
            Map<String, String> redacted = redact(fabric.getConfiguration());
            String text = redacted.entrySet().stream()
                    .map(e -> e.getKey() + ": " + (e.getValue().isEmpty() ? "(not set)" : e.getValue()))
                    .collect(Collectors.joining("\n"));
            return ToolResults.success(text, new LinkedHashMap<>(redacted));
        });
    }

    static Map<String, String> redact(Map<String, String> configuration) {
        Map<String, String> redacted = new LinkedHashMap<>();
        configuration.forEach((key, value) -> redacted.put(key, redact(key, value)));
        return redacted;
    }

    private static String redact(String key, String value) {
        if (value.isEmpty()) {
            return value;
        }
        if (URL_KEYS.contains(key)) {
            return withoutCredentials(value);
        }
        if (value.equals("true") || value.equals("false")) {
            return value;
        }
        return REDACTED;
    }

    /** A URL with {@code user:password@} hidden; anything that is not a URL is treated as a secret. */
    private static String withoutCredentials(String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null) {
                return REDACTED;
            }
            if (uri.getRawUserInfo() == null && uri.getRawQuery() == null) {
                return value;
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            return REDACTED;
        }
    }
}
