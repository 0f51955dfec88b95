package dev.fabricmcp.emulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds a parsed JSON value to a {@link GoStructType} with Go's {@code encoding/json} rules, so that the
 * emulator accepts and rejects exactly what Fabric does and reports the same
 * {@code json: cannot unmarshal ...} text:
 * <ul>
 *   <li>keys match fields exactly, else case-insensitively; unknown keys are ignored; the last duplicate wins;</li>
 *   <li>{@code null} leaves the zero value and is never an error;</li>
 *   <li>a type mismatch is remembered (the first one only) and decoding goes on, as Go does;</li>
 *   <li>the error names the innermost struct and the dotted JSON field path, e.g.
 *       {@code json: cannot unmarshal number into Go struct field PromptRequest.prompts.userInput of type string}.</li>
 * </ul>
 * Decoded values: {@code String}, {@code Double}, {@code Long}, {@code Boolean}, {@code Map<String,String>},
 * {@code List<Map<String,Object>>} and {@code JsonElement}; a key absent from the result means "zero value".
 */
final class GoBinder {

    /** The decoded fields (by {@link GoField#key()}) and Go's error text, or {@code null}. */
    record Bound(Map<String, Object> values, String error) {
    }

    private String firstError;

    private GoBinder() {
    }

    static Bound bind(JsonElement root, GoStructType type) {
        GoBinder binder = new GoBinder();
        Map<String, Object> values = new HashMap<>();
        if (root != null && !root.isJsonNull()) {
            if (root.isJsonObject()) {
                binder.bindStruct(root.getAsJsonObject(), type, "", values);
            } else {
                binder.firstError = "json: cannot unmarshal " + kindOf(root) + " into Go value of type "
                        + type.qualifiedName();
            }
        }
        return new Bound(values, binder.firstError);
    }

    private void bindStruct(JsonObject object, GoStructType type, String pathPrefix, Map<String, Object> values) {
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            GoField field = type.field(entry.getKey());
            if (field == null) {
                continue;
            }
            JsonElement value = entry.getValue();
            if (value.isJsonNull()) {
                continue;
            }
            String path = pathPrefix + field.key();
            Object decoded = decode(value, field, type, path, values.get(field.key()));
            if (decoded != null) {
                values.put(field.key(), decoded);
            }
        }
    }

    private Object decode(JsonElement value, GoField field, GoStructType owner, String path, Object existing) {
        switch (field.kind()) {
            case STRING -> {
                if (isString(value)) {
                    return value.getAsString();
                }
                return mismatch(kindOf(value), owner, path, field.goType());
            }
            case BOOL -> {
                if (value instanceof JsonPrimitive p && p.isBoolean()) {
                    return p.getAsBoolean();
                }
                return mismatch(kindOf(value), owner, path, field.goType());
            }
            case FLOAT64 -> {
                if (value instanceof JsonPrimitive p && p.isNumber()) {
                    String literal = p.getAsNumber().toString();
                    double d = Double.parseDouble(literal);
                    if (Double.isInfinite(d)) {
                        return mismatch("number " + literal, owner, path, field.goType());
                    }
                    return d;
                }
                return mismatch(kindOf(value), owner, path, field.goType());
            }
            case INT -> {
                if (value instanceof JsonPrimitive p && p.isNumber()) {
                    String literal = p.getAsNumber().toString();
                    try {
                        return Long.parseLong(literal);
                    } catch (NumberFormatException e) {
                        return mismatch("number " + literal, owner, path, field.goType());
                    }
                }
                return mismatch(kindOf(value), owner, path, field.goType());
            }
            case STRING_MAP -> {
                if (!value.isJsonObject()) {
                    return mismatch(kindOf(value), owner, path, field.goType());
                }
                // Go reuses a map that is already there, so a duplicate key merges.
                @SuppressWarnings("unchecked")
                Map<String, String> map = existing instanceof Map<?, ?> m
                        ? (Map<String, String>) m : new LinkedHashMap<>();
                for (Map.Entry<String, JsonElement> e : value.getAsJsonObject().entrySet()) {
                    JsonElement v = e.getValue();
                    if (v.isJsonNull() || isString(v)) {
                        map.put(e.getKey(), v.isJsonNull() ? "" : v.getAsString());
                    } else {
                        mismatch(kindOf(v), owner, path, "string");
                        map.put(e.getKey(), "");
                    }
                }
                return map;
            }
            case STRUCT_SLICE -> {
                if (!value.isJsonArray()) {
                    return mismatch(kindOf(value), owner, path, field.goType());
                }
                JsonArray array = value.getAsJsonArray();
                List<Map<String, Object>> items = new ArrayList<>(array.size());
                for (JsonElement item : array) {
                    Map<String, Object> itemValues = new HashMap<>();
                    if (item.isJsonObject()) {
                        bindStruct(item.getAsJsonObject(), field.elem(), path + ".", itemValues);
                    } else if (!item.isJsonNull()) {
                        mismatch(kindOf(item), owner, path, field.elem().qualifiedName());
                    }
                    items.add(itemValues);
                }
                return items;
            }
            case RAW -> {
                return value.deepCopy();
            }
            default -> throw new IllegalStateException("unknown kind " + field.kind());
        }
    }

    /** Records the first type error and returns {@code null} (the field keeps its zero value). */
    private Object mismatch(String valueKind, GoStructType owner, String path, String goType) {
        if (firstError == null) {
            firstError = "json: cannot unmarshal " + valueKind + " into Go struct field " + owner.name() + "."
                    + path + " of type " + goType;
        }
        return null;
    }

    private static boolean isString(JsonElement value) {
        return value instanceof JsonPrimitive p && p.isString();
    }

    /** Go's name for the JSON value kind in an {@code UnmarshalTypeError}. */
    static String kindOf(JsonElement value) {
        if (value.isJsonObject()) {
            return "object";
        }
        if (value.isJsonArray()) {
            return "array";
        }
        JsonPrimitive p = value.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return "bool";
        }
        return p.isNumber() ? "number" : "string";
    }
}
