package dev.fabricmcp.emulator;

import java.io.IOException;
import java.util.ArrayList;

/** The {@code /sessions} routes: sessions are JSON files {@code sessions/<name>.json}. */
final class SessionRoutes {

    private SessionRoutes() {
    }

    static void register(Router router) {
        router.add("GET", "/sessions/names", SessionRoutes::names)
                .add("GET", "/sessions/:name", SessionRoutes::get);
    }

    /** Names without {@code .json}; {@code null} when there are none. */
    private static void names(Call call) throws IOException {
        var names = call.state().sessions.keySet();
        Responses.json(call.exchange(), 200, names.isEmpty() ? null : new ArrayList<>(names));
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
        Responses.json(call.exchange(), 200, new JsonFields().field("Name", name).field("Messages", parsed.messages()));
    }
}
