package dev.fabricmcp.emulator;

import java.io.IOException;
import java.util.ArrayList;

/** The {@code /contexts} routes: contexts are plain files {@code contexts/<name>}. */
final class ContextRoutes {

    private ContextRoutes() {
    }

    static void register(Router router) {
        router.add("GET", "/contexts/names", ContextRoutes::names)
                .add("GET", "/contexts/exists/:name", ContextRoutes::exists)
                .add("GET", "/contexts/:name", ContextRoutes::get)
                .add("POST", "/contexts/:name", ContextRoutes::save)
                .add("DELETE", "/contexts/:name", ContextRoutes::delete)
                .add("PUT", "/contexts/rename/:oldName/:newName", ContextRoutes::rename);
    }

    /** Names in file-name order; {@code null} when there are none. */
    private static void names(Call call) throws IOException {
        var names = call.state().contexts.keySet();
        Responses.json(call.exchange(), 200, names.isEmpty() ? null : new ArrayList<>(names));
    }

    private static void exists(Call call) throws IOException {
        Responses.json(call.exchange(), 200, call.state().contexts.containsKey(call.param("name")));
    }

    private static void get(Call call) throws IOException {
        String name = call.param("name");
        String content = call.state().contexts.get(name);
        if (content == null) {
            Responses.json(call.exchange(), 500, Storage.contextNotFound(call.state(), name));
            return;
        }
        Responses.json(call.exchange(), 200, new GoStruct().field("Name", name).field("Content", content));
    }

    private static void save(Call call) throws IOException {
        call.state().contexts.put(call.param("name"), call.bodyText());
        Responses.emptyOk(call.exchange());
    }

    private static void delete(Call call) throws IOException {
        call.state().contexts.remove(call.param("name"));
        Responses.emptyOk(call.exchange());
    }

    private static void rename(Call call) throws IOException {
        String from = call.param("oldName");
        String to = call.param("newName");
        String content = call.state().contexts.remove(from);
        if (content == null) {
            Responses.json(call.exchange(), 500, Storage.renameFailed(call.state(), "contexts", from, to, ""));
            return;
        }
        call.state().contexts.put(to, content);
        Responses.emptyOk(call.exchange());
    }
}
