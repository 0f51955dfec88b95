package dev.fabricmcp.core.tools;

import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.client.FabricContext;
import dev.fabricmcp.client.FabricNotFoundException;
import dev.fabricmcp.client.FabricSession;
import dev.fabricmcp.core.FailureKind;
import dev.fabricmcp.core.call.FabricTool;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The tools that show what Fabric keeps besides patterns: contexts (text put before a pattern) and sessions (the
 * conversations {@code session_name} continues), so that the {@code context_name} and {@code session_name} of
 * fabric_run_pattern can be discovered and inspected.
 */
final class ContentTools {

    private static final Param<String> CONTEXT_NAME = nameOf("context");
    private static final Param<String> SESSION_NAME = nameOf("session");

    static final ToolDeclaration LIST_CONTEXTS = listing("contexts", "Lists Fabric's contexts: texts (about you, your"
            + " project, your style) that fabric_run_pattern puts before a pattern when given as context_name. Read one"
            + " with fabric_get_context.");

    static final ToolDeclaration GET_CONTEXT = showing("context", CONTEXT_NAME, "Shows the text of a Fabric context, to"
            + " check what context_name would add to a run of fabric_run_pattern.", """
            {"type": "object", "properties": {"name": {"type": "string"}, "content": {"type": "string"}},
             "required": ["name", "content"]}""");

    static final ToolDeclaration LIST_SESSIONS = listing("sessions", "Lists Fabric's sessions: conversations that"
            + " fabric_run_pattern continues (and saves the answer in) when given as session_name. Read one with"
            + " fabric_get_session.");

    static final ToolDeclaration GET_SESSION = showing("session", SESSION_NAME, "Shows the messages of a Fabric session"
            + " (system, user and assistant turns), to see what a run with session_name would continue.", """
            {"type": "object",
             "properties": {"name": {"type": "string"},
                            "messages": {"type": "array", "items": {"type": "object",
                                         "properties": {"role": {"type": "string"},
                                                        "content": {"type": "string"}},
                                         "required": ["role", "content"]}}},
             "required": ["name", "messages"]}""");

    /** fabric_list_{@code kinds}: the names Fabric has, under the key {@code kinds}. */
    private static ToolDeclaration listing(String kinds, String description) {
        return ToolDeclaration.readOnly("fabric_list_" + kinds, "List Fabric " + kinds, description, """
                {"type": "object", "properties": {"%s": {"type": "array", "items": {"type": "string"}}},
                 "required": ["%s"]}""".formatted(kinds, kinds));
    }

    /** fabric_get_{@code kind}: one of them, named by the argument {@code name}. */
    private static ToolDeclaration showing(String kind, Param<String> name, String description, String outputSchema) {
        return ToolDeclaration.readOnly("fabric_get_" + kind, "Show a Fabric " + kind, description, outputSchema,
                name);
    }

    /** {@code kind}_name: the required name of one of the things fabric_list_{@code kind}s lists. */
    private static Param<String> nameOf(String kind) {
        String listing = "fabric_list_" + kind + "s";
        return Param.requiredName(kind + "_name", "The " + kind + "'s name, as " + listing + " lists it.",
                "give the name of a " + kind + " (see " + listing + ")");
    }

    private final FabricClient fabric;

    ContentTools(FabricClient fabric) {
        this.fabric = fabric;
    }

    FabricTool listContexts() {
        return ToolSpecs.blocking(LIST_CONTEXTS, args -> () -> names("contexts", fabric.listContextNames(),
                "Fabric has no contexts. Create one as a file in ~/.config/fabric/contexts/."));
    }

    FabricTool getContext() {
        return ToolSpecs.blocking(GET_CONTEXT, args -> {
            String name = args.get(CONTEXT_NAME);
            return () -> {
                FabricContext context;
                try {
                    context = fabric.getContext(name);
                } catch (FabricNotFoundException e) {
                    return ToolResults.failure(FailureKind.NOT_FOUND, "Fabric has no context '" + name
                            + "'. Call fabric_list_contexts to see the contexts Fabric has.");
                }
                return ToolResults.success(context.content(),
                        ToolSpecs.mapOf("name", context.name(), "content", context.content()));
            };
        });
    }

    FabricTool listSessions() {
        return ToolSpecs.blocking(LIST_SESSIONS, args -> () -> names("sessions", fabric.listSessionNames(),
                "Fabric has no sessions yet. A run of fabric_run_pattern with a new session_name starts one."));
    }

    FabricTool getSession() {
        return ToolSpecs.blocking(GET_SESSION, args -> {
            String name = args.get(SESSION_NAME);
            return () -> {
                // Fabric answers a session it does not have with an empty one: only a listed name exists.
                if (!fabric.listSessionNames().contains(name)) {
                    return ToolResults.failure(FailureKind.NOT_FOUND, "Fabric has no session '" + name
                            + "'. Call fabric_list_sessions to see the sessions Fabric has (a run of fabric_run_pattern with session_name '"
                            + name + "' would start it).");
                }
                FabricSession session = fabric.getSession(name);
                List<Map<String, Object>> messages = session.messages().stream()
                        .map(m -> ToolSpecs.mapOf("role", m.role(), "content", m.content()))
                        .toList();
                String text = session.messages().isEmpty() ? "The session '" + name + "' has no messages."
                        : session.messages().stream().map(m -> "[" + m.role() + "]\n" + m.content())
                                .collect(Collectors.joining("\n\n"));
                return ToolResults.success(text, ToolSpecs.mapOf("name", name, "messages", messages));
            };
        });
    }

    private static io.modelcontextprotocol.spec.McpSchema.CallToolResult names(String key, List<String> names,
                                                                               String whenNone) {
        String text = names.isEmpty() ? whenNone : names.size() + " " + key + ":\n" + String.join("\n", names);
        return ToolResults.success(text, ToolSpecs.mapOf(key, names));
    }
}
