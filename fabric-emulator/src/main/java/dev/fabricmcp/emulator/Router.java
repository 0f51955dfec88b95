package dev.fabricmcp.emulator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps method and path to a handler the way gin's router does for Fabric's routes: {@code :name} matches
 * one non-empty segment, static routes win over parameters (routes are tried in the order they were added,
 * statics first), there is no 405 (a wrong method is a 404), and a path that would match without its
 * trailing slash is redirected.
 */
final class Router {

    /** Handles a routed request. */
    @FunctionalInterface
    interface Handler {
        void handle(Call call) throws IOException;
    }

    /** A matched route and its path parameters. */
    record Match(Handler handler, Map<String, String> params) {
    }

    private record Route(String method, String[] segments, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    Router add(String method, String pattern, Handler handler) {
        routes.add(new Route(method, pattern.split("/", -1), handler));
        return this;
    }

    Match match(String method, String path) {
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        String[] segments = path.split("/", -1);
        for (Route route : routes) {
            if (!route.method().equals(method) || route.segments().length != segments.length) {
                continue;
            }
            Map<String, String> params = matchSegments(route.segments(), segments);
            if (params != null) {
                return new Match(route.handler(), params);
            }
        }
        return null;
    }

    /** The path gin would redirect to (the same path without its trailing slash), or {@code null}. */
    String trailingSlashTarget(String method, String path) {
        if (path == null || path.length() <= 1 || !path.endsWith("/")) {
            return null;
        }
        String stripped = path.substring(0, path.length() - 1);
        return match(method, stripped) != null ? stripped : null;
    }

    private static Map<String, String> matchSegments(String[] pattern, String[] actual) {
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i].startsWith(":")) {
                if (actual[i].isEmpty()) {
                    return null;
                }
                params.put(pattern[i].substring(1), actual[i]);
            } else if (!pattern[i].equals(actual[i])) {
                return null;
            }
        }
        return params;
    }
}
