package dev.fabricmcp.emulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes values the way Go's {@code encoding/json.Marshal} does, which is what gin's {@code c.JSON} and
 * Fabric's SSE writer put on the wire.
 *
 * <p>Gson is not used for writing because its HTML escaping differs from Go's (Gson also escapes
 * {@code =} and {@code '}) and its map order is insertion order, while Go sorts map keys. The rules here:
 * <ul>
 *   <li>compact output, no trailing newline;</li>
 *   <li>{@link Map} values are Go maps: keys are sorted (byte order of the UTF-8 key, which for the ASCII
 *       keys used here is plain string order);</li>
 *   <li>{@link GoStruct} values are Go structs: fields keep declaration order, {@code omitempty} honoured;</li>
 *   <li>strings: {@code <}, {@code >}, {@code &} become <code>&#92;u003c</code>, <code>&#92;u003e</code>, <code>&#92;u0026</code>;
 *       U+2028/U+2029 are escaped; control characters use {@code \b \f \n \r \t} or <code>&#92;u00XX</code> with
 *       lower-case hex (Go 1.22+); lone surrogates (Java's equivalent of invalid UTF-8) become U+FFFD;</li>
 *   <li>{@code null}, {@link Boolean}, integral numbers as is; doubles with Go's float formatting.</li>
 * </ul>
 */
public final class GoJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoJson() {
    }

    /** Returns the Go {@code json.Marshal} text of {@code value}. */
    public static String encode(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    /** Returns the UTF-8 bytes of {@link #encode(Object)}. */
    public static byte[] encodeBytes(Object value) {
        return encode(value).getBytes(StandardCharsets.UTF_8);
    }

    /** Returns {@code s} as a Go JSON string literal, quotes included. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        writeString(out, s);
        return out.toString();
    }

    static void write(StringBuilder out, Object value) {
        if (value == null || value instanceof JsonNull) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(out, s);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            out.append(((Number) value).longValue());
        } else if (value instanceof Number n) {
            out.append(formatFloat(n.doubleValue()));
        } else if (value instanceof GoStruct struct) {
            struct.writeTo(out);
        } else if (value instanceof Map<?, ?> map) {
            writeMap(out, map);
        } else if (value instanceof Collection<?> list) {
            writeList(out, list);
        } else if (value instanceof JsonElement element) {
            writeElement(out, element);
        } else {
            throw new IllegalArgumentException("GoJson cannot encode " + value.getClass().getName());
        }
    }

    private static void writeMap(StringBuilder out, Map<?, ?> map) {
        TreeMap<String, Object> sorted = new TreeMap<>();
        map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : sorted.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(out, e.getKey());
            out.append(':');
            write(out, e.getValue());
        }
        out.append('}');
    }

    private static void writeList(StringBuilder out, Collection<?> list) {
        out.append('[');
        boolean first = true;
        for (Object item : list) {
            if (!first) {
                out.append(',');
            }
            first = false;
            write(out, item);
        }
        out.append(']');
    }

    private static void writeElement(StringBuilder out, JsonElement element) {
        if (element.isJsonNull()) {
            out.append("null");
        } else if (element instanceof JsonPrimitive p) {
            if (p.isString()) {
                writeString(out, p.getAsString());
            } else if (p.isBoolean()) {
                out.append(p.getAsBoolean());
            } else {
                // Keep the literal as received: a re-marshalled json.Number/RawMessage is passed through too.
                out.append(p.getAsNumber().toString());
            }
        } else if (element instanceof JsonArray array) {
            out.append('[');
            for (int i = 0; i < array.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeElement(out, array.get(i));
            }
            out.append(']');
        } else {
            JsonObject object = element.getAsJsonObject();
            TreeMap<String, JsonElement> sorted = new TreeMap<>();
            object.entrySet().forEach(e -> sorted.put(e.getKey(), e.getValue()));
            writeMap(out, sorted);
        }
    }

    static void writeString(StringBuilder out, String s) {
        out.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '<', '>', '&', '\u2028', '\u2029' -> unicodeEscape(out, c);
                default -> {
                    if (c < 0x20) {
                        unicodeEscape(out, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        out.append('\ufffd');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void unicodeEscape(StringBuilder out, char c) {
        out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
    }

    /** Go's {@code encoding/json} float format (plain between 1e-6 and 1e21, else {@code 1e+21}/{@code 1e-7}). */
    static String formatFloat(double d) {
        return GoFloat.json(d);
    }
}
