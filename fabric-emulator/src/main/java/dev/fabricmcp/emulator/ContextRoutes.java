package dev.fabricmcp.emulator;

import java.io.IOException;
import java.util.ArrayList;

/** The {@code /contexts} routes: contexts are plain files {@code contexts/<name>}. */
final class ContextRoutes {

    private ContextRoutes() {
    }

    static void register(Router router) {
        router.add("GET", "/contexts/names", ContextRoutes::names)
                .add("GET", "/contexts/:name", ContextRoutes::get);
    }

    /** Names in file-name order; {@code null} when there are none. */
    private static void names(Call call) throws IOException {
        var names = call.state().contexts.keySet();
        Responses.json(call.exchange(), 200, names.isEmpty() ? null : new ArrayList<>(names));
    }

    private static void get(Call call) throws IOException {
        String name = call.param("name");
        String content = call.state().contexts.get(name);
        if (content == null) {
            Responses.json(call.exchange(), 500, Storage.contextNotFound(call.state(), name));
            return;
        }
        Responses.json(call.exchange(), 200, new JsonFields().field("Name", name).field("Content", content));
    }
}
