package dev.fabricmcp.client;

import java.util.Map;

/**
 * One prompt of a {@link ChatRequest}: what to run and on which input. Empty strings mean "not set": Fabric then
 * uses its own defaults (an empty model and vendor select Fabric's {@code DEFAULT_MODEL} and
 * {@code DEFAULT_VENDOR}).
 *
 * @param userInput    the input text
 * @param vendor       the vendor's name, e.g. {@code Ollama}
 * @param model        the model's name
 * @param contextName  a context to put before the pattern
 * @param patternName  the pattern to run
 * @param strategyName a strategy to put before the pattern
 * @param sessionName  a session to continue and to save the answer in
 * @param variables    values for the pattern's {@code {{variables}}}
 */
public record ChatPrompt(String userInput, String vendor, String model, String contextName, String patternName,
                         String strategyName, String sessionName, Map<String, String> variables) {

    public ChatPrompt {
        userInput = orEmpty(userInput);
        vendor = orEmpty(vendor);
        model = orEmpty(model);
        contextName = orEmpty(contextName);
        patternName = orEmpty(patternName);
        strategyName = orEmpty(strategyName);
        sessionName = orEmpty(sessionName);
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** A new builder; every field starts empty. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ChatPrompt}. */
    public static final class Builder {
        private String userInput;
        private String vendor;
        private String model;
        private String contextName;
        private String patternName;
        private String strategyName;
        private String sessionName;
        private Map<String, String> variables;

        private Builder() {
        }

        public Builder userInput(String userInput) {
            this.userInput = userInput;
            return this;
        }

        public Builder vendor(String vendor) {
            this.vendor = vendor;
            return this;
        }

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        public Builder contextName(String contextName) {
            this.contextName = contextName;
            return this;
        }

        public Builder patternName(String patternName) {
            this.patternName = patternName;
            return this;
        }

        public Builder strategyName(String strategyName) {
            this.strategyName = strategyName;
            return this;
        }

        public Builder sessionName(String sessionName) {
            this.sessionName = sessionName;
            return this;
        }

        public Builder variables(Map<String, String> variables) {
            this.variables = variables;
            return this;
        }

        public ChatPrompt build() {
            return new ChatPrompt(userInput, vendor, model, contextName, patternName, strategyName, sessionName,
                    variables);
        }
    }
}
