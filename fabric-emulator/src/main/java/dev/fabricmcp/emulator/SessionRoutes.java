package dev.fabricmcp.emulator;

import java.io.IOException;
import java.util.ArrayList;

/** The {@code /sessions} routes: sessions are JSON files {@code sessions/<name>.json}. */
final class SessionRoutes {

    private SessionRoutes() {
    }

    static void register(Router router) {
        router.add("GET", "/sessions/names", SessionRoutes::names)
                .add("GET", "/sessions/exists/:name", SessionRoutes::exists)
                .add("GET", "/sessions/:name", SessionRoutes::get)
                .add("POST", "/sessions/:name", SessionRoutes::save)
                .add("DELETE", "/sessions/:name", SessionRoutes::delete)
                .add("PUT", "/sessions/rename/:oldName/:newName", SessionRoutes::rename);
    }

    /** Names without {@code .json}; {@code null} when there are none. */
    private static void names(Call call) throws IOException {
        var names = call.state().sessions.keySet();
        Responses.json(call.exchange(), 200, names.isEmpty() ? null : new ArrayList<>(names));
    }

    private static void exists(Call call) throws IOException {
        Responses.json(call.exchange(), 200, call.state().sessions.containsKey(call.param("name")));
    }

    /** A missing session is not an error: 200 {@code {"Name":"x","Messages":null}}. */
    private static void get(Call call) throws IOException {
        String name = call.param("name");
        String raw = call.state().sessions.get(name);
        SessionFile.Parsed parsed = raw == null ? new SessionFile.Parsed(null, null) : SessionFile.parse(raw);
        if (parsed.error() != null) {
            Responses.json(call.exchange(), 500, parsed.error());
            return;
        }
        Responses.json(call.exchange(), 200, new GoStruct().field("Name", name).field("Messages", parsed.messages()));
    }

    private static void save(Call call) throws IOException {
        call.state().sessions.put(call.param("name"), call.bodyText());
        Responses.emptyOk(call.exchange());
    }

    private static void delete(Call call) throws IOException {
        call.state().sessions.remove(call.param("name"));
        Responses.emptyOk(call.exchange());
    }

    private static void rename(Call call) throws IOException {
        String from = call.param("oldName");
        String to = call.param("newName");
        String raw = call.state().sessions.remove(from);
        if (raw == null) {
            Responses.json(call.exchange(), 500, Storage.renameFailed(call.state(), "sessions", from, to, ".json"));
            return;
        }
        call.state().sessions.put(to, raw);
        Responses.emptyOk(call.exchange());
    }
}
