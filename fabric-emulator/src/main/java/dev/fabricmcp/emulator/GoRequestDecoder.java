package dev.fabricmcp.emulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What gin's {@code BindJSON} does with a request body: Go's {@code json.Decoder} reads the first JSON value
 * (syntax errors in Go's words, see {@link GoJsonSyntax}), then binds it to a struct (see {@link GoBinder}).
 */
final class GoRequestDecoder {

    /**
     * The result of decoding.
     *
     * @param json   the first JSON value of the body, or {@code null} when the syntax is bad
     * @param values the bound struct fields (see {@link GoBinder})
     * @param error  Go's error text, or {@code null} on success
     */
    record Decoded(JsonElement json, Map<String, Object> values, String error) {
        boolean ok() {
            return error == null;
        }

        String string(String key) {
            Object v = values.get(key);
            return v instanceof String s ? s : "";
        }

        double float64(String key) {
            Object v = values.get(key);
            return v instanceof Double d ? d : 0;
        }

        long integer(String key) {
            Object v = values.get(key);
            return v instanceof Long l ? l : 0;
        }

        boolean bool(String key) {
            return Boolean.TRUE.equals(values.get(key));
        }
    }

    private GoRequestDecoder() {
    }

    /**
     * Parses one JSON value that {@link GoJsonSyntax} has accepted. Gson's default nesting limit (255) is
     * lifted because Go accepts up to 10,000 levels.
     */
    static JsonElement parse(String json) {
        JsonReader reader = new JsonReader(new StringReader(json));
        reader.setStrictness(Strictness.STRICT);
        reader.setNestingLimit(Integer.MAX_VALUE);
        return JsonParser.parseReader(reader);
    }

    static Decoded decode(byte[] body, GoStructType type) {
        GoJsonSyntax.Result syntax = GoJsonSyntax.check(body);
        if (!syntax.ok()) {
            return new Decoded(null, Map.of(), syntax.error());
        }
        JsonElement json;
        try {
            json = parse(new String(body, 0, syntax.end(), StandardCharsets.UTF_8));
        } catch (JsonParseException | StackOverflowError e) {
            // The syntax check passed, so this is a corner where Gson is stricter than Go; report it plainly.
            return new Decoded(null, Map.of(), "unexpected EOF");
        }
        GoBinder.Bound bound = GoBinder.bind(json, type);
        return new Decoded(json, bound.values(), bound.error());
    }
}
