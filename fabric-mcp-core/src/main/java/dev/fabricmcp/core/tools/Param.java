package dev.fabricmcp.core.tools;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One parameter of a tool, declared once: its name, JSON type, meaning, range and default. The tool's input schema,
 * the check of a call's arguments and the documentation table (docs/tools.md) are all read from here, so they
 * cannot disagree.
 *
 * @param <T> what a tool reads: the value given, or the default when the argument is left out
 */
final class Param<T> {

    /** Turns a value the client sent (never null) into the parameter's value, or throws an ArgumentException. */
    @FunctionalInterface
    private interface Reader<T> {
        T read(String name, Object value);
    }

    private final String name;
    private final String description;
    private final Map<String, Object> schema;
    private final String requiredHint;
    private final T whenAbsent;
    private final Reader<T> reader;

    private Param(String name, String description, Map<String, Object> schema, String requiredHint, T whenAbsent,
                  Reader<T> reader) {
        this.name = Objects.requireNonNull(name);
        this.description = description;
        this.requiredHint = requiredHint;
        this.whenAbsent = whenAbsent;
        this.reader = reader;
        Map<String, Object> withDescription = new LinkedHashMap<>(schema);
        if (description != null) {
            withDescription.put("description", description);
        }
        this.schema = Collections.unmodifiableMap(withDescription);
    }

    /** A required, non-blank name (surrounding white space is dropped); {@code hint} says where to find one. */
    static Param<String> requiredName(String name, String description, String hint) {
        return new Param<>(name, description, ToolSpecs.mapOf("type", "string", "minLength", 1), hint, null,
                ToolArguments::nonBlank);
    }

    /** An optional, non-blank name: left out (or null) is empty, a blank one is refused. */
    static Param<Optional<String>> name(String name, String description) {
        return new Param<>(name, description, ToolSpecs.mapOf("type", "string", "minLength", 1), null, Optional.empty(),
                (n, value) -> Optional.of(ToolArguments.nonBlank(n, value)));
    }

    /** An optional text that may be empty. */
    static Param<String> text(String name, String description, String defaultValue) {
        return new Param<>(name, description, ToolSpecs.mapOf("type", "string", "default", defaultValue), null, defaultValue,
                ToolArguments::text);
    }

    static Param<Boolean> flag(String name, String description, boolean defaultValue) {
        return new Param<>(name, description, ToolSpecs.mapOf("type", "boolean", "default", defaultValue), null, defaultValue,
                ToolArguments::flag);
    }

    /** An optional number within [min, max], both inclusive. */
    static Param<Double> number(String name, String description, double min, double max, double defaultValue) {
        return new Param<>(name, description, ToolSpecs.mapOf("type", "number", "minimum", jsonNumber(min),
                "maximum", jsonNumber(max), "default", jsonNumber(defaultValue)), null, defaultValue,
                (n, value) -> ToolArguments.number(n, value, min, max));
    }

    /** An optional object whose values are all strings, such as a pattern's variables. */
    static Param<Map<String, String>> stringMap(String name, String description) {
        return new Param<>(name, description, ToolSpecs.mapOf("type", "object",
                "additionalProperties", Map.of("type", "string")),
                null, Map.of(), ToolArguments::stringMap);
    }

    /** An optional whole number within [min, max], both inclusive. */
    static Param<Integer> integer(String name, String description, int min, int max, int defaultValue) {
        return new Param<>(name, description, ToolSpecs.mapOf("type", "integer", "minimum", min, "maximum", max,
                "default", defaultValue), null, defaultValue, (n, value) -> ToolArguments.integer(n, value, min, max));
    }

    /**
     * A required parameter of any shape: {@code schema} is its JSON Schema, {@code reader} checks a value the client
     * sent and throws an {@link ArgumentException} naming the problem.
     */
    static <T> Param<T> required(String name, String description, Map<String, Object> schema, String hint,
                                 java.util.function.BiFunction<String, Object, T> reader) {
        return new Param<>(name, description, schema, hint, null, reader::apply);
    }

    String name() {
        return name;
    }

    /** What the parameter means; null where the name and range say it all. */
    String description() {
        return description;
    }

    boolean required() {
        return requiredHint != null;
    }

    /** The parameter's JSON Schema, as its tool's input schema lists it. */
    Map<String, Object> schema() {
        return schema;
    }

    /** The value of this parameter in a call: the one given, checked, or the default. */
    T read(Object value) {
        if (value != null) {
            return reader.read(name, value);
        }
        if (required()) {
            throw new ArgumentException(name + " is required: " + requiredHint + ".");
        }
        return whenAbsent;
    }

    /** A whole number as an integer, so that the schema says {@code 2} rather than {@code 2.0}. */
    private static Number jsonNumber(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? (Number) (long) x : (Number) x;
    }
}
