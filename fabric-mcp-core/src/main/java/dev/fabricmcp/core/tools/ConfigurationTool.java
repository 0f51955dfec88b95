package dev.fabricmcp.core.tools;

import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.core.call.FabricTool;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    /** scheme :// authority path, then anything from the first ?, # or ; */
    private static final Pattern URL = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://([^/?#;]*)([^?#;]*)(.*)",
            Pattern.DOTALL);
    /** A host name or address (letters, digits, {@code -._~%}, or an IPv6 literal) and an optional port. */
    private static final Pattern HOST_AND_PORT = Pattern.compile(
            "([A-Za-z0-9._~%-]+|\\[[0-9A-Fa-f:.]+])(:[0-9]{1,5})?");

    static final ToolDeclaration DECLARATION = ToolDeclaration.readOnly("fabric_get_configuration",
            "Show Fabric's configuration",
            "Shows which vendors Fabric has configured (API keys are replaced by " + REDACTED
                    + "; an empty value means not configured) and the Ollama and LM Studio URLs. Use it to "
                    + "explain why a model or vendor is missing.",
            """
                    {"type": "object", "additionalProperties": {"type": "string"}}""");

    private ConfigurationTool() {
    }

    static FabricTool specification(FabricClient fabric) {
        return ToolSpecs.fabricCall(DECLARATION, args -> fabric.getConfigurationAsync(), configuration -> {
            Map<String, String> redacted = redact(configuration);
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

    /**
     * The scheme, host, port and path of a URL, read from its text: whatever precedes the last {@code @} of the
     * authority (credentials), and everything from the first {@code ?}, {@code #} or {@code ;} (query, fragment,
     * parameters) are dropped. A URI parser is not used: Java's sees no user info when the host has an underscore
     * ({@code http://user:SECRET@my_host:11434}), and takes {@code key:SECRET} for a URL. A value that does not read
     * as {@code scheme://host[:port][/path]} is a secret as a whole.
     */
    static String withoutCredentials(String value) {
        Matcher url = URL.matcher(value);
        if (!url.matches()) {
            return REDACTED;
        }
        String authority = url.group(2);
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        if (!HOST_AND_PORT.matcher(hostAndPort).matches()) {
            return REDACTED;
        }
        return url.group(1) + "://" + hostAndPort + url.group(3);
    }
}
