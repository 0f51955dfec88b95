package dev.fabricmcp.emulator;

import dev.fabricmcp.emulator.GoField.Kind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /models/names}, {@code /strategies}, {@code /config} and {@code /config/update}. */
final class InfoRoutes {

    /** The body of {@code POST /config/update}: eleven tagged string fields. */
    static final GoStructType CONFIG_UPDATE;

    static {
        List<GoField> fields = new ArrayList<>();
        for (String key : List.of("openai_api_key", "anthropic_api_key", "groq_api_key", "mistral_api_key",
                "gemini_api_key", "ollama_url", "openrouter_api_key", "silicon_api_key", "deepseek_api_key",
                "grokai_api_key", "lm_studio_base_url")) {
            fields.add(GoField.of(key, Kind.STRING));
        }
        CONFIG_UPDATE = new GoStructType("ConfigUpdateRequest", "restapi.ConfigUpdateRequest", fields);
    }

    private InfoRoutes() {
    }

    static void register(Router router) {
        router.add("GET", "/models/names", InfoRoutes::models)
                .add("GET", "/strategies", InfoRoutes::strategies)
                .add("GET", "/config", InfoRoutes::config)
                .add("POST", "/config/update", InfoRoutes::updateConfig);
    }

    private static void models(Call call) throws IOException {
        Map<String, Object> body = call.state().models.namesBody();
        if (body == null) {
            Responses.error(call.exchange(), 500, "Server failed to retrieve model names");
            return;
        }
        Responses.json(call.exchange(), 200, body);
    }

    /** The strategies sorted by name; {@code null} when there are none. */
    private static void strategies(Call call) throws IOException {
        EmulatorState state = call.state();
        if (state.strategiesDirectoryMissing) {
            Responses.error(call.exchange(), 500, "Failed to read strategies directory");
            return;
        }
        List<FabricStrategy> strategies = state.strategies;
        if (strategies == null || strategies.isEmpty()) {
            Responses.json(call.exchange(), 200, null);
            return;
        }
        List<GoStruct> body = strategies.stream()
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .map(FabricStrategy::toGo).toList();
        Responses.json(call.exchange(), 200, body);
    }

    private static void config(Call call) throws IOException {
        Responses.json(call.exchange(), 200, call.state().config.body());
    }

    /** Non-empty values without {@code *} replace the stored ones (masked values are ignored). */
    private static void updateConfig(Call call) throws IOException {
        GoRequestDecoder.Decoded d = GoRequestDecoder.decode(call.body(), CONFIG_UPDATE);
        if (!d.ok()) {
            Responses.error(call.exchange(), 400, d.error());
            return;
        }
        EmulatorState state = call.state();
        synchronized (state) {
            Map<String, String> values = new LinkedHashMap<>(state.config.values());
            FabricConfig.UPDATE_KEYS.forEach((bodyKey, configKey) -> {
                String value = d.string(bodyKey);
                if (!value.isEmpty() && !value.contains("*")) {
                    values.put(configKey, value);
                }
            });
            state.config = new FabricConfig(values, state.config.masked());
        }
        Responses.json(call.exchange(), 200, Map.of("message", "Configuration updated successfully"));
    }
}
