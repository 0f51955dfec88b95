package dev.fabricmcp.emulator;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code /patterns} routes of Fabric's {@code restapi} package. */
final class PatternRoutes {

    private PatternRoutes() {
    }

    static void register(Router router) {
        router.add("GET", "/patterns/names", PatternRoutes::names)
                .add("GET", "/patterns/:name", PatternRoutes::get)
                .add("POST", "/patterns/:name/apply", PatternRoutes::apply);
    }

    /** Sorted names; {@code []} (not {@code null}) when there are none. */
    private static void names(Call call) throws IOException {
        Responses.json(call.exchange(), 200, new ArrayList<>(call.state().patterns.keySet()));
    }

    /** The raw pattern, capitalised keys, Description always {@code ""}; missing: 500 with a JSON string. */
    private static void get(Call call) throws IOException {
        String name = call.param("name");
        String text = call.state().patterns.get(name);
        if (text == null) {
            Responses.json(call.exchange(), 500, Storage.patternNotFound(name));
            return;
        }
        Responses.json(call.exchange(), 200, pattern(name, text));
    }

    private static void apply(Call call) throws IOException {
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
}
