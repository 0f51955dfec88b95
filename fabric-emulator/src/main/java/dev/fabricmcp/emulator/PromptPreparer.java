package dev.fabricmcp.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * Does for one prompt what Fabric's {@code GetChatter} and {@code Chatter.BuildSession} do, in their order:
 * vendor/model, session, context, pattern (variables and input), strategy, then the language instruction.
 * The first failure becomes the {@code Error: ...} text of the {@code error} event.
 */
final class PromptPreparer {

    private PromptPreparer() {
    }

    static PreparedPrompt prepare(EmulatorState state, ChatRequest request, PromptRequest p) {
        ModelCatalog.Resolution chosen = state.models.resolve(p.vendor(), p.model());
        if (chosen.error() != null) {
            return PreparedPrompt.failed(chosen.error());
        }
        if (!p.sessionName().isEmpty()) {
            String raw = state.sessions.get(p.sessionName());
            if (raw != null) {
                SessionFile.Parsed parsed = SessionFile.parse(raw);
                if (parsed.error() != null) {
                    return PreparedPrompt.failed("Error: could not find session " + p.sessionName() + ": "
                            + parsed.error());
                }
            }
        }
        String context = "";
        if (!p.contextName().isEmpty()) {
            context = state.contexts.get(p.contextName());
            if (context == null) {
                return PreparedPrompt.failed("Error: could not find context " + p.contextName() + ": "
                        + Storage.contextNotFound(state, p.contextName()));
            }
        }
        String pattern = "";
        if (!p.patternName().isEmpty()) {
            String name = p.patternName();
            if (Storage.invalidName(name)) {
                return PreparedPrompt.failed("Error: could not get pattern " + name + ": invalid pattern name: "
                        + Json.quote(name));
            }
            String text = state.patterns.get(name);
            if (text == null) {
                return PreparedPrompt.failed("Error: could not get pattern " + name + ": "
                        + Storage.patternNotFound(name));
            }
            PatternTemplate.Applied applied = PatternTemplate.apply(text, p.variables(), p.userInput());
            if (applied.error() != null) {
                return PreparedPrompt.failed("Error: could not get pattern " + name + ": " + applied.error());
            }
            pattern = applied.text();
        }
        String strategyPrompt = "";
        if (!p.strategyName().isEmpty()) {
            FabricStrategy strategy = findStrategy(state, p.strategyName());
            if (strategy == null) {
                return PreparedPrompt.failed("Error: could not load strategy " + p.strategyName() + ": strategy "
                        + p.strategyName() + " not found. Please run 'fabric --liststrategies' for list");
            }
            strategyPrompt = strategy.prompt();
        }
        List<String> parts = new ArrayList<>();
        for (String part : List.of(strategyPrompt.strip(), context.strip(), pattern.strip())) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        String system = String.join("\n", parts);
        String language = request.language();
        if (!system.isEmpty() && !language.isEmpty() && !language.equals("en")) {
            system = system + "\n\nIMPORTANT: First, execute the instructions provided in this prompt using the "
                    + "user's input. Second, ensure your entire final response, including any section headers or "
                    + "titles generated as part of executing the instructions, is written ONLY in the " + language
                    + " language.";
        }
        // With a pattern the input is inside the system message and no user message is sent.
        String user = p.patternName().isEmpty() ? p.userInput() : "";
        return new PreparedPrompt(chosen.vendor(), chosen.model(), system, user, null);
    }

    private static FabricStrategy findStrategy(EmulatorState state, String name) {
        List<FabricStrategy> strategies = state.strategies;
        if (strategies == null || state.strategiesDirectoryMissing) {
            return null;
        }
        return strategies.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }
}
