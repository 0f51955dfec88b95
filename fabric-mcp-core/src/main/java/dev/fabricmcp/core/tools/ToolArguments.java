package dev.fabricmcp.core.tools;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one argument validator: reads a tool's arguments as the client sent them (decoded JSON) and names, for each
 * problem, the parameter, the value given and what is allowed.
 */
final class ToolArguments {

    private final String tool;
    private final Map<String, Object> values;

    private ToolArguments(String tool, Map<String, Object> values) {
        this.tool = tool;
        this.values = values;
    }

    /** The arguments of a call, refusing any name the tool does not declare. */
    static ToolArguments of(String tool, Map<String, Object> arguments, Set<String> declared) {
        Map<String, Object> values = arguments == null ? Map.of() : arguments;
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(declared);
        if (!unknown.isEmpty()) {
            throw new ArgumentException("Unknown argument" + (unknown.size() > 1 ? "s " : " ") + quoted(unknown)
                    + " for " + tool + ". It accepts: "
                    + (declared.isEmpty() ? "no arguments" : String.join(", ", new TreeSet<>(declared))) + ".");
        }
        return new ToolArguments(tool, values);
    }

    String requiredName(String name, String hint) {
        Object value = values.get(name);
        if (value == null) {
            throw new ArgumentException(name + " is required: " + hint + ".");
        }
        return nonBlank(name, value);
    }

    /** An optional name: absent or null is empty; a blank one is refused. */
    Optional<String> optionalName(String name) {
        Object value = values.get(name);
        return value == null ? Optional.empty() : Optional.of(nonBlank(name, value));
    }

    /** An optional text that may be empty. */
    String text(String name, String defaultValue) {
        Object value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof String text)) {
            throw new ArgumentException(name + " must be a string, got " + describe(value) + ".");
        }
        return text;
    }

    boolean flag(String name, boolean defaultValue) {
        Object value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Boolean flag)) {
            throw new ArgumentException(name + " must be true or false, got " + describe(value) + ".");
        }
        return flag;
    }

    /** An optional number within [min, max], both inclusive. */
    OptionalDouble number(String name, double min, double max) {
        Object value = values.get(name);
        if (value == null) {
            return OptionalDouble.empty();
        }
        if (!(value instanceof Number number)) {
            throw new ArgumentException(name + " must be a number from " + format(min) + " to " + format(max)
                    + ", got " + describe(value) + ".");
        }
        double x = number.doubleValue();
        if (!Double.isFinite(x) || x < min || x > max) {
            throw new ArgumentException(name + " must be a number from " + format(min) + " to " + format(max)
                    + " (inclusive), got " + format(x) + ".");
        }
        return OptionalDouble.of(x);
    }

    /** An optional object whose values are all strings. */
    Map<String, String> stringMap(String name) {
        Object value = values.get(name);
        if (value == null) {
            return Map.of();
        }
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

    private String nonBlank(String name, Object value) {
        if (!(value instanceof String text)) {
            throw new ArgumentException(name + " must be a string, got " + describe(value) + ".");
        }
        if (text.isBlank()) {
            throw new ArgumentException(name + " must not be blank, got \"" + text + "\".");
        }
        return text.strip();
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
        return value.getClass().getSimpleName();
    }

    private static String format(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }

    private static String quoted(Set<String> names) {
        return String.join(", ", names.stream().map(n -> "'" + n + "'").toList());
    }

    String tool() {
        return tool;
    }
}
