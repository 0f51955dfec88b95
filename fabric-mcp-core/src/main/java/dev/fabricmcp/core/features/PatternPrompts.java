package dev.fabricmcp.core.features;

import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.client.FabricException;
import dev.fabricmcp.client.FabricHttpException;
import dev.fabricmcp.client.FabricNotFoundException;
import dev.fabricmcp.client.Pattern;
import dev.fabricmcp.core.catalog.PatternEntry;
import dev.fabricmcp.core.catalog.PatternLibrary;
import dev.fabricmcp.core.tools.FailureMessages;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;

/**
 * Every Fabric pattern as an MCP prompt: named as the pattern, described by its purpose, with an optional
 * {@code input} and one optional argument per {@code {{variable}}} of its text. Getting a prompt applies the
 * pattern through Fabric's own {@code POST /patterns/{name}/apply}, so that variables and {@code {{input}}} behave
 * exactly as in {@code fabric}. Era-neutral: both the legacy server and the modern dispatcher serve these results.
 */
public final class PatternPrompts {

    /** The argument that carries the text the pattern works on. */
    public static final String INPUT = "input";

    private static final java.util.regex.Pattern MISSING_VARIABLE =
            java.util.regex.Pattern.compile("missing required variable: ?([A-Za-z0-9_-]+)");

    private final FabricClient fabric;
    private final PatternLibrary library;

    public PatternPrompts(FabricClient fabric, PatternLibrary library) {
        this.fabric = fabric;
        this.library = library;
    }

    /** One prompt per pattern, in Fabric's order. */
    public List<McpSchema.Prompt> list() {
        return library.snapshot().patterns().stream().map(PatternPrompts::prompt).toList();
    }

    /** The prompt of one pattern. */
    public static McpSchema.Prompt prompt(PatternEntry pattern) {
        List<McpSchema.PromptArgument> arguments = new ArrayList<>();
        arguments.add(new McpSchema.PromptArgument(INPUT, "Input",
                "The text the pattern works on (Fabric appends it when the pattern has no {{input}}).", false));
        for (String variable : pattern.variables()) {
            arguments.add(new McpSchema.PromptArgument(variable, variable,
                    "Fills {{" + variable + "}} in the pattern; Fabric refuses the pattern without it.", false));
        }
        return new McpSchema.Prompt(pattern.name(), pattern.name(),
                pattern.description().isEmpty() ? "The Fabric pattern " + pattern.name() + "." : pattern.description(),
                arguments);
    }

    /**
     * The pattern applied by Fabric to the arguments, as one user message a client can send to its model.
     *
     * @throws McpError {@code -32602} for an unknown pattern, an unknown argument or a variable Fabric cannot
     *                  fill (each naming what to do), {@code -32603} when Fabric fails
     */
    public McpSchema.GetPromptResult get(String name, Map<String, ?> arguments) {
        PatternEntry pattern = find(name);
        Map<String, String> variables = new LinkedHashMap<>();
        String input = "";
        TreeSet<String> unknown = new TreeSet<>();
        for (Map.Entry<String, ?> argument : (arguments == null ? Map.<String, Object>of() : arguments).entrySet()) {
            String value = argument.getValue() == null ? "" : String.valueOf(argument.getValue());
            if (argument.getKey().equals(INPUT)) {
                input = value;
            } else if (!pattern.variables().contains(argument.getKey())) {
                unknown.add(argument.getKey());
            } else if (!value.isEmpty()) {
                // An empty value is a field the user left blank: let Fabric say the variable is missing.
                variables.put(argument.getKey(), value);
            }
        }
        if (!unknown.isEmpty()) {
            throw invalid("The prompt '" + name + "' has no argument" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + ". It takes: " + String.join(", ", argumentNames(pattern)) + ".");
        }
        Pattern applied = apply(pattern, input, variables);
        return new McpSchema.GetPromptResult(prompt(pattern).description(),
                List.of(new McpSchema.PromptMessage(McpSchema.Role.USER, new McpSchema.TextContent(applied.pattern()))));
    }

    private PatternEntry find(String name) {
        if (name == null || name.isBlank()) {
            throw invalid("Give the name of a prompt: one per Fabric pattern (prompts/list lists them).");
        }
        return library.snapshot().find(name).orElseGet(() -> {
            // Added to Fabric since the last refresh? Fabric itself knows.
            try {
                Pattern fresh = fabric.getPattern(name);
                return PatternEntry.of(name, fresh.description(), fresh.pattern());
            } catch (FabricNotFoundException | IllegalArgumentException e) {
                throw invalid("Fabric has no pattern '" + name + "'. prompts/list lists the patterns Fabric has.");
            } catch (FabricException e) {
                throw fabricFailed(e);
            }
        });
    }

    private Pattern apply(PatternEntry pattern, String input, Map<String, String> variables) {
        try {
            return fabric.applyPattern(pattern.name(), input, variables);
        } catch (FabricNotFoundException e) {
            throw invalid("Fabric has no pattern '" + pattern.name() + "' (any more). prompts/list lists the"
                    + " patterns Fabric has.");
        } catch (FabricHttpException e) {
            Matcher missing = MISSING_VARIABLE.matcher(e.getMessage().toLowerCase(Locale.ROOT));
            if (missing.find()) {
                throw invalid("The pattern '" + pattern.name() + "' needs a value for {{" + missing.group(1)
                        + "}}: give the prompt argument " + missing.group(1) + " (Fabric said: "
                        + missing.group() + ").");
            }
            throw fabricFailed(e);
        } catch (FabricException e) {
            throw fabricFailed(e);
        }
    }

    private static List<String> argumentNames(PatternEntry pattern) {
        List<String> names = new ArrayList<>();
        names.add(INPUT);
        names.addAll(pattern.variables());
        return names;
    }

    static McpError invalid(String message) {
        return McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(message).build();
    }

    static McpError fabricFailed(FabricException e) {
        return McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR).message(FailureMessages.describe(e)).build();
    }
}
