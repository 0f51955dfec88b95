package dev.fabricmcp.emulator;

import dev.fabricmcp.emulator.GoField.Kind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code /patterns} routes of Fabric's {@code restapi} package. */
final class PatternRoutes {

    /** The body of {@code POST /patterns/:name/apply}. */
    static final GoStructType APPLY = new GoStructType("PatternApplyRequest", "restapi.PatternApplyRequest",
            List.of(GoField.of("input", Kind.STRING), GoField.of("variables", Kind.STRING_MAP)));

    private PatternRoutes() {
    }

    static void register(Router router) {
        router.add("GET", "/patterns/names", PatternRoutes::names)
                .add("GET", "/patterns/exists/:name", PatternRoutes::exists)
                .add("GET", "/patterns/:name", PatternRoutes::get)
                .add("POST", "/patterns/:name/apply", PatternRoutes::apply)
                .add("POST", "/patterns/:name", PatternRoutes::save)
                .add("DELETE", "/patterns/:name", PatternRoutes::delete)
                .add("PUT", "/patterns/rename/:oldName/:newName", PatternRoutes::rename);
    }

    /** Sorted names; {@code []} (not {@code null}) when there are none. */
    private static void names(Call call) throws IOException {
        Responses.json(call.exchange(), 200, new ArrayList<>(call.state().patterns.keySet()));
    }

    private static void exists(Call call) throws IOException {
        Responses.json(call.exchange(), 200, call.state().patterns.containsKey(call.param("name")));
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
        GoRequestDecoder.Decoded d = GoRequestDecoder.decode(call.body(), APPLY);
        if (!d.ok()) {
            Responses.error(call.exchange(), 400, d.error());
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
        @SuppressWarnings("unchecked")
        Map<String, String> bodyVariables = (Map<String, String>) d.values().get("variables");
        if (bodyVariables != null) {
            variables.putAll(bodyVariables);
        }
        PatternTemplate.Applied applied = PatternTemplate.apply(text, variables, d.string("input"));
        if (applied.error() != null) {
            Responses.json(call.exchange(), 500, applied.error());
            return;
        }
        Responses.json(call.exchange(), 200, pattern(name, applied.text()));
    }

    private static void save(Call call) throws IOException {
        call.state().patterns.put(call.param("name"), call.bodyText());
        Responses.emptyOk(call.exchange());
    }

    private static void delete(Call call) throws IOException {
        call.state().patterns.remove(call.param("name"));
        Responses.emptyOk(call.exchange());
    }

    private static void rename(Call call) throws IOException {
        String from = call.param("oldName");
        String to = call.param("newName");
        String text = call.state().patterns.remove(from);
        if (text == null) {
            Responses.json(call.exchange(), 500, Storage.renameFailed(call.state(), "patterns", from, to, ""));
            return;
        }
        call.state().patterns.put(to, text);
        Responses.emptyOk(call.exchange());
    }

    private static GoStruct pattern(String name, String text) {
        return new GoStruct().field("Name", name).field("Description", "").field("Pattern", text);
    }
}
