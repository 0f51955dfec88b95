package dev.fabricmcp.core.tools;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A tool as clients see it, declared once: name, title, description, parameters and the shape of its result. Its
 * input schema, the check of a call's arguments and its row in docs/tools.md come from here. How a call reaches the
 * tool is not its business.
 *
 * @param readOnly     whether the tool only reads from Fabric (it then may be repeated freely)
 * @param outputSchema the JSON Schema of the tool's structured result, as JSON text
 */
record ToolDeclaration(String name, String title, String description, boolean readOnly, String outputSchema,
                       List<Param<?>> parameters) {

    ToolDeclaration {
        parameters = List.copyOf(parameters);
    }

    /** A tool that only reads. */
    static ToolDeclaration readOnly(String name, String title, String description, String outputSchema,
                                    Param<?>... parameters) {
        return new ToolDeclaration(name, title, description, true, outputSchema, List.of(parameters));
    }

    /** A tool that changes something (a Fabric session, say), so it is neither read-only nor idempotent. */
    static ToolDeclaration writing(String name, String title, String description, String outputSchema,
                                   Param<?>... parameters) {
        return new ToolDeclaration(name, title, description, false, outputSchema, List.of(parameters));
    }

    /** The JSON Schema of the tool's arguments: every parameter, no others. */
    Map<String, Object> inputSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Param<?> parameter : parameters) {
            properties.put(parameter.name(), parameter.schema());
            if (parameter.required()) {
                required.add(parameter.name());
            }
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    /** The tool as the SDK lists it. */
    McpSchema.Tool tool() {
        return McpSchema.Tool.builder(name, inputSchema())
                .title(title)
                .description(description)
                .outputSchema(McpJsonDefaults.getMapper(), outputSchema)
                .annotations(McpSchema.ToolAnnotations.builder()
                        .title(title)
                        .readOnlyHint(readOnly)
                        .destructiveHint(false)
                        .idempotentHint(readOnly)
                        .openWorldHint(true)
                        .build())
                .build();
    }

    /**
     * A call's arguments (decoded JSON; null for none), checked against the declaration: no name it does not
     * declare, every value of the declared type and range.
     *
     * @throws ArgumentException naming the parameter, the value given and what is allowed
     */
    ToolArguments arguments(Map<String, Object> arguments) {
        Map<String, Object> given = arguments == null ? Map.of() : arguments;
        Set<String> declared = new TreeSet<>();
        parameters.forEach(parameter -> declared.add(parameter.name()));
        Set<String> unknown = new TreeSet<>(given.keySet());
        unknown.removeAll(declared);
        if (!unknown.isEmpty()) {
            throw new ArgumentException("Unknown argument" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown.stream().map(n -> "'" + n + "'").toList()) + " for " + name
                    + ". It accepts: " + (declared.isEmpty() ? "no arguments" : String.join(", ", declared)) + ".");
        }
        Map<Param<?>, Object> values = new LinkedHashMap<>();
        for (Param<?> parameter : parameters) {
            values.put(parameter, parameter.read(given.get(parameter.name())));
        }
        return new ToolArguments(values);
    }
}
