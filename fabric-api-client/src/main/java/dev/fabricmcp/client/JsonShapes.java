package dev.fabricmcp.client;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Fabric's JSON answers into records, checking every shape and naming what was wrong. Go marshals an empty
 * slice as {@code null}, so "a list or null" is the rule for lists.
 */
final class JsonShapes {

    private final URI uri;
    private final boolean quotesContent;

    JsonShapes(URI uri) {
        this(uri, true);
    }

    private JsonShapes(URI uri, boolean quotesContent) {
        this.uri = uri;
        this.quotesContent = quotesContent;
    }

    /** Shapes of a body that may hold secrets ({@code /config}): a problem names what is wrong, never a value. */
    static JsonShapes ofSecrets(URI uri) {
        return new JsonShapes(uri, false);
    }

    JsonElement parse(String body) {
        // Gson reads an empty document as JSON null, which would pass for Go's "empty list": an empty 200 is not
        // something Fabric sends on a read route (a different server at that address, or a proxy), so say so.
        if (body.isBlank()) {
            throw problem("the body is empty");
        }
        try {
            return JsonParser.parseString(body);
        } catch (JsonParseException e) {
            throw problem(quotesContent ? "the body is not JSON: " + abbreviate(body)
                    : "the body is not JSON (" + body.length() + " characters, not shown: they may hold secrets)");
        }
    }

    List<String> stringList(JsonElement element, String what) {
        if (element == null || element.isJsonNull()) {
            return List.of();
        }
        if (!element.isJsonArray()) {
            throw problem("expected " + what + " to be a JSON array, got " + kind(element));
        }
        JsonArray array = element.getAsJsonArray();
        List<String> values = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            values.add(string(array.get(i), what + "[" + i + "]"));
        }
        return List.copyOf(values);
    }

    JsonObject object(JsonElement element, String what) {
        if (element == null || !element.isJsonObject()) {
            throw problem("expected " + what + " to be a JSON object, got " + kindOf(element));
        }
        return element.getAsJsonObject();
    }

    /** A required string member. */
    String string(JsonObject object, String member, String what) {
        JsonElement value = object.get(member);
        if (value == null) {
            throw problem(what + " has no \"" + member + "\"");
        }
        return string(value, what + "." + member);
    }

    /** An optional string member: absent or null reads as empty. */
    String optionalString(JsonObject object, String member, String what) {
        JsonElement value = object.get(member);
        return value == null || value.isJsonNull() ? "" : string(value, what + "." + member);
    }

    String string(JsonElement element, String what) {
        if (element == null || !element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
            throw problem("expected " + what + " to be a string, got " + kindOf(element));
        }
        return element.getAsString();
    }

    /** A flat object of scalar values, each read as text; null reads as empty. */
    Map<String, String> scalarMap(JsonElement element, String what) {
        JsonObject object = object(element, what);
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            JsonElement value = entry.getValue();
            if (value.isJsonNull()) {
                values.put(entry.getKey(), "");
            } else if (value.isJsonPrimitive()) {
                values.put(entry.getKey(), value.getAsString());
            } else {
                throw problem("expected " + what + "." + entry.getKey() + " to be a single value, got " + kindOf(value));
            }
        }
        return java.util.Collections.unmodifiableMap(values);
    }

    FabricProtocolException problem(String problem) {
        return new FabricProtocolException(uri, problem);
    }

    private String kindOf(JsonElement element) {
        String kind = kind(element);
        return quotesContent ? kind : kind.replaceFirst("(?s) \\(.*\\)$", "");
    }

    static String kind(JsonElement element) {
        if (element == null) {
            return "nothing";
        }
        if (element.isJsonNull()) {
            return "null";
        }
        if (element.isJsonArray()) {
            return "an array";
        }
        if (element.isJsonObject()) {
            return "an object";
        }
        JsonPrimitive primitive = element.getAsJsonPrimitive();
        if (primitive.isBoolean()) {
            return "a boolean (" + primitive + ")";
        }
        if (primitive.isNumber()) {
            return "a number (" + primitive + ")";
        }
        return "a string (" + abbreviate(primitive.toString()) + ")";
    }

    static String abbreviate(String text) {
        int limit = 300;
        return text.length() <= limit ? text : text.substring(0, limit) + "… (" + text.length() + " characters)";
    }
}
