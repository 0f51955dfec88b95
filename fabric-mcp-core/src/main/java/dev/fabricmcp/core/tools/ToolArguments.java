package dev.fabricmcp.core.tools;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A call's arguments once checked against its {@link ToolDeclaration}: each parameter's value, or its default. The
 * checks themselves live here too, so that every tool names, for each problem, the parameter, the value given and
 * what is allowed, in the same words.
 */
final class ToolArguments {

    private final Map<Param<?>, Object> values;

    ToolArguments(Map<Param<?>, Object> values) {
        this.values = values;
    }

    /** The value of a parameter the tool declares. */
    @SuppressWarnings("unchecked")
    <T> T get(Param<T> parameter) {
        if (!values.containsKey(parameter)) {
            throw new IllegalArgumentException(parameter.name() + " is not a parameter of this tool");
        }
        return (T) values.get(parameter);
    }

    static String nonBlank(String name, Object value) {
        if (!(value instanceof String text)) {
            throw new ArgumentException(name + " must be a string, got " + describe(value) + ".");
        }
        if (text.isBlank()) {
            throw new ArgumentException(name + " must not be blank, got \"" + text + "\".");
        }
        return text.strip();
    }

    static String text(String name, Object value) {
        if (!(value instanceof String text)) {
            throw new ArgumentException(name + " must be a string, got " + describe(value) + ".");
        }
        return text;
    }

    static boolean flag(String name, Object value) {
        if (!(value instanceof Boolean flag)) {
            throw new ArgumentException(name + " must be true or false, got " + describe(value) + ".");
        }
        return flag;
    }

    static double number(String name, Object value, double min, double max) {
        if (!(value instanceof Number number)) {
            throw new ArgumentException(name + " must be a number from " + format(min) + " to " + format(max)
                    + ", got " + describe(value) + ".");
        }
        double x = number.doubleValue();
        if (!Double.isFinite(x) || x < min || x > max) {
            throw new ArgumentException(name + " must be a number from " + format(min) + " to " + format(max)
                    + " (inclusive), got " + format(x) + ".");
        }
        return x;
    }

    static int integer(String name, Object value, int min, int max) {
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
            throw new ArgumentException(name + " must be a whole number from " + min + " to " + max + ", got "
                    + describe(value) + ".");
        }
        double x = number.doubleValue();
        if (x < min || x > max) {
            throw new ArgumentException(name + " must be a whole number from " + min + " to " + max
                    + " (inclusive), got " + format(x) + ".");
        }
        return (int) x;
    }

    static Map<String, String> stringMap(String name, Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new ArgumentException(name + " must be an object mapping names to strings, e.g. "
                    + "{\"lang_code\": \"fr\"}, got " + describe(value) + ".");
        }
        Map<String, String> strings = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (key.isBlank()) {
                throw new ArgumentException(name + " has a blank name; every variable needs a name.");
            }
            if (!(entry.getValue() instanceof String text)) {
                throw new ArgumentException(name + "." + key + " must be a string, got "
                        + describe(entry.getValue()) + ".");
            }
            strings.put(key, text);
        }
        return strings;
    }

    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String text) {
            return "the string \"" + (text.length() > 80 ? text.substring(0, 80) + "…" : text) + "\"";
        }
        if (value instanceof Number number) {
            return "the number " + number;
        }
        if (value instanceof Boolean flag) {
            return flag.toString();
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof Iterable<?>) {
            return "an array";
        }
        return "a value of another kind";
    }

    /** A bound as people write it: 2, not 2.0. */
    static String format(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }
}
