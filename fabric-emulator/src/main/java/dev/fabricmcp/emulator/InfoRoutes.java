package dev.fabricmcp.emulator;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** {@code /models/names}, {@code /strategies} and {@code /config}. */
final class InfoRoutes {

    private InfoRoutes() {
    }

    static void register(Router router) {
        router.add("GET", "/models/names", InfoRoutes::models)
                .add("GET", "/strategies", InfoRoutes::strategies)
                .add("GET", "/config", InfoRoutes::config);
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
        List<JsonFields> body = strategies.stream()
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .map(FabricStrategy::toJson).toList();
        Responses.json(call.exchange(), 200, body);
    }

    private static void config(Call call) throws IOException {
        Responses.json(call.exchange(), 200, call.state().config.body());
    }
}
