package dev.fabricmcp.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The values {@code GET /config} reports: the 11 keys {@code anthropic deepseek gemini grokai groq lmstudio
 * mistral ollama openai openrouter silicon}, either masked like Fabric v1.4.470 (all but the last 4 bytes of
 * each API key become {@code *}; the URL keys {@code ollama} and {@code lmstudio} are never masked) or in
 * clear like Fabric before PR #2049 (2026-03).
 *
 * @param values key to value; missing keys are {@code ""}; unknown keys are ignored
 * @param masked whether API keys are masked
 */
public record FabricConfig(Map<String, String> values, boolean masked) {

    /** The 11 keys, sorted as Go writes them. */
    public static final List<String> KEYS = List.of("anthropic", "deepseek", "gemini", "grokai", "groq",
            "lmstudio", "mistral", "ollama", "openai", "openrouter", "silicon");

    private static final List<String> UNMASKED = List.of("ollama", "lmstudio");

    public FabricConfig {
        Map<String, String> copy = new TreeMap<>();
        Objects.requireNonNull(values, "values").forEach((k, v) -> {
            if (KEYS.contains(k)) {
                copy.put(k, Objects.requireNonNullElse(v, ""));
            }
        });
        values = Map.copyOf(copy);
    }

    /** An OpenAI key {@code sk-emulator-0123456789abcd} (so masking is visible), everything else unset, masked. */
    public static FabricConfig defaults() {
        return masked(Map.of("openai", "sk-emulator-0123456789abcd"));
    }

    /** The given values, masked like v1.4.470. */
    public static FabricConfig masked(Map<String, String> values) {
        return new FabricConfig(values, true);
    }

    /** The given values, in clear like Fabric before 2026-03. */
    public static FabricConfig clear(Map<String, String> values) {
        return new FabricConfig(values, false);
    }

    /** Returns a copy with {@code key} set. */
    public FabricConfig with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new FabricConfig(copy, masked);
    }

    /** The {@code /config} body: all 11 keys, values masked if configured. */
    Map<String, String> body() {
        Map<String, String> body = new TreeMap<>();
        for (String key : KEYS) {
            String value = values.getOrDefault(key, "");
            body.put(key, masked && !UNMASKED.contains(key) ? mask(value) : value);
        }
        return body;
    }

    /** Fabric's mask: values of 4 bytes or fewer as is, else {@code *} for every byte but the last 4. */
    static String mask(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 4) {
            return value;
        }
        byte[] out = Arrays.copyOf(bytes, bytes.length);
        Arrays.fill(out, 0, bytes.length - 4, (byte) '*');
        return new String(out, StandardCharsets.UTF_8);
    }
}
