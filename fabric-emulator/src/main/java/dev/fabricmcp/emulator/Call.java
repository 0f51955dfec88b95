package dev.fabricmcp.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One routed request: the exchange, the path parameters, the body (already read) and the emulator state.
 */
record Call(HttpExchange exchange, Map<String, String> params, byte[] body, String rawQuery,
        RecordedRequest recorded, EmulatorState state) {

    String param(String name) {
        return params.get(name);
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The query parameters, first value of each, like Go's {@code url.ParseQuery} (pairs with bad escapes are
     * skipped, {@code +} is a space).
     */
    Map<String, String> query() {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(key, value);
            } catch (IllegalArgumentException badEscape) {
                // Go drops the pair; so do we.
            }
        }
        return out;
    }
}
