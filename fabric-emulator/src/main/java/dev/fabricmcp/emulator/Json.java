package dev.fabricmcp.emulator;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON out and in, as far as fabric-mcp can tell the difference: compact output with keys in the order given and
 * {@code <}, {@code >}, {@code &} escaped as Go's encoder does; input bound to Fabric's request structs the way
 * gin does, matching keys case-insensitively and refusing a value of the wrong JSON type with a 400.
 */
final class Json {

    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    /** A request body that Fabric would refuse with {@code 400 {"error": "invalid request format: ..."}}. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private Json() {
    }

    static String encode(Object value) {
        // The characters only occur inside strings, where Go writes them as escapes.
        return GSON.toJson(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    static String quote(String text) {
        return encode(text);
    }

    /** The body as a JSON object; {@code null} stands for an empty object, as in Go. */
    static JsonObject object(byte[] body) throws Invalid {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new Invalid("EOF");
        }
        JsonElement json = parse(text);
        if (json == null) {
            throw new Invalid("the body is not JSON");
        }
        if (json.isJsonNull()) {
            return new JsonObject();
        }
        if (!json.isJsonObject()) {
            throw new Invalid("the body is not a JSON object");
        }
        return json.getAsJsonObject();
    }

    /** One strict JSON value, or {@code null} when {@code text} is not exactly that. */
    static JsonElement parse(String text) {
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            JsonElement json = JsonParser.parseReader(reader);
            return reader.peek() == JsonToken.END_DOCUMENT ? json : null;
        } catch (JsonParseException | IOException e) {
            return null;
        }
    }

    /** The value of {@code key}, matched case-insensitively as Go does; {@code null} when absent or null. */
    static JsonElement get(JsonObject object, String key) {
        JsonElement exact = object.get(key);
        if (exact != null) {
            return exact.isJsonNull() ? null : exact;
        }
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(key)) {
                return entry.getValue().isJsonNull() ? null : entry.getValue();
            }
        }
        return null;
    }

    static String string(JsonObject object, String key) throws Invalid {
        JsonElement value = get(object, key);
        if (value == null) {
            return "";
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw wrongType(key, "a string");
        }
        return value.getAsString();
    }

    static double number(JsonObject object, String key) throws Invalid {
        JsonElement value = get(object, key);
        if (value == null) {
            return 0;
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            throw wrongType(key, "a number");
        }
        return value.getAsDouble();
    }

    static boolean bool(JsonObject object, String key) throws Invalid {
        JsonElement value = get(object, key);
        if (value == null) {
            return false;
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
            throw wrongType(key, "true or false");
        }
        return value.getAsBoolean();
    }

    /** An object of strings, or {@code null} when absent. */
    static Map<String, String> strings(JsonObject object, String key) throws Invalid {
        JsonElement value = get(object, key);
        if (value == null) {
            return null;
        }
        if (!value.isJsonObject()) {
            throw wrongType(key, "an object of strings");
        }
        Map<String, String> strings = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : value.getAsJsonObject().entrySet()) {
            JsonElement item = entry.getValue();
            if (!item.isJsonPrimitive() || !item.getAsJsonPrimitive().isString()) {
                throw wrongType(key + "." + entry.getKey(), "a string");
            }
            strings.put(entry.getKey(), item.getAsString());
        }
        return strings;
    }

    private static Invalid wrongType(String key, String expected) {
        return new Invalid("json: " + key + " must be " + expected);
    }
}
