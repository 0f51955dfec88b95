package dev.fabricmcp.emulator;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The routes fabric-mcp calls, in one table, and the handlers of those that only read Fabric's "disk": patterns,
 * contexts, sessions, models, strategies and the configuration. {@code /chat} and {@code /youtube/transcript} have
 * classes of their own.
 */
final class Routes {

    private Routes() {
    }

    static Router table() {
        return new Router()
                .add("POST", "/chat", ChatHandler::handle)
                .add("GET", "/patterns/names", Routes::patternNames)
                .add("GET", "/patterns/:name", Routes::pattern)
                .add("POST", "/patterns/:name/apply", Routes::applyPattern)
                .add("GET", "/contexts/names", call -> names(call, call.state().contexts.keySet()))
                .add("GET", "/contexts/:name", Routes::context)
                .add("GET", "/sessions/names", call -> names(call, call.state().sessions.keySet()))
                .add("GET", "/sessions/:name", Routes::session)
                .add("GET", "/models/names", Routes::models)
                .add("GET", "/strategies", Routes::strategies)
                .add("GET", "/config", call -> Responses.json(call.exchange(), 200, call.state().config.body()))
                .add("POST", "/youtube/transcript", YoutubeRoute::transcript);
    }

    /** Sorted names; {@code []} (not {@code null}) when there are none. */
    private static void patternNames(Call call) throws IOException {
        Responses.json(call.exchange(), 200, new ArrayList<>(call.state().patterns.keySet()));
    }

    /** The raw pattern, capitalised keys, Description always {@code ""}; missing: 500 with a JSON string. */
    private static void pattern(Call call) throws IOException {
        String name = call.param("name");
        String text = call.state().patterns.get(name);
        if (text == null) {
            Responses.json(call.exchange(), 500, Storage.patternNotFound(name));
            return;
        }
        Responses.json(call.exchange(), 200, pattern(name, text));
    }

    private static void applyPattern(Call call) throws IOException {
        String input;
        Map<String, String> bodyVariables;
        try {
            JsonObject body = Json.object(call.body());
            input = Json.string(body, "input");
            bodyVariables = Json.strings(body, "variables");
        } catch (Json.Invalid invalid) {
            Responses.error(call.exchange(), 400, invalid.getMessage());
            return;
        }
        String name = call.param("name");
        String text = call.state().patterns.get(name);
        if (text == null) {
            Responses.json(call.exchange(), 500, Storage.patternNotFound(name));
            return;
        }
        // Query parameters are variables too; the body's variables win.
        Map<String, String> variables = new LinkedHashMap<>(call.query());
        if (bodyVariables != null) {
            variables.putAll(bodyVariables);
        }
        PatternTemplate.Applied applied = PatternTemplate.apply(text, variables, input);
        if (applied.error() != null) {
            Responses.json(call.exchange(), 500, applied.error());
            return;
        }
        Responses.json(call.exchange(), 200, pattern(name, applied.text()));
    }

    private static JsonFields pattern(String name, String text) {
        return new JsonFields().field("Name", name).field("Description", "").field("Pattern", text);
    }

    /** Context and session names in file-name order (sessions without {@code .json}); {@code null} when none. */
    private static void names(Call call, Set<String> names) throws IOException {
        Responses.json(call.exchange(), 200, names.isEmpty() ? null : new ArrayList<>(names));
    }

    private static void context(Call call) throws IOException {
        String name = call.param("name");
        String content = call.state().contexts.get(name);
        if (content == null) {
            Responses.json(call.exchange(), 500, Storage.contextNotFound(call.state(), name));
            return;
        }
        Responses.json(call.exchange(), 200, new JsonFields().field("Name", name).field("Content", content));
    }

    /** A missing session is not an error: 200 {@code {"Name":"x","Messages":null}}. */
    private static void session(Call call) throws IOException {
        String name = call.param("name");
        String raw = call.state().sessions.get(name);
        SessionFile.Parsed parsed = raw == null ? new SessionFile.Parsed(null, null) : SessionFile.parse(raw);
        if (parsed.error() != null) {
            Responses.json(call.exchange(), 500, parsed.error());
            return;
        }
        Responses.json(call.exchange(), 200, new JsonFields().field("Name", name).field("Messages", parsed.messages()));
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
        Responses.json(call.exchange(), 200, strategies.stream()
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .map(FabricStrategy::toJson).toList());
    }
}
