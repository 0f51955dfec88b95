package dev.fabricmcp.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The body of {@code POST /chat}: one or more prompts and the options shared by them. Fabric's REST API applies no
 * sampling defaults of its own (an unsent temperature reaches the model as 0.0), so this request carries the
 * {@code fabric} command's: temperature {@value #DEFAULT_TEMPERATURE} and top_p {@value #DEFAULT_TOP_P}. Every other
 * option left unset is not sent.
 */
public final class ChatRequest {

    /** The temperature sent unless one is set: the {@code fabric} command's default. */
    public static final double DEFAULT_TEMPERATURE = 0.7;

    /** The top_p sent unless one is set: the {@code fabric} command's default. */
    public static final double DEFAULT_TOP_P = 0.9;

    private final List<ChatPrompt> prompts;
    private final String language;
    private final double temperature;
    private final double topP;
    private final Double frequencyPenalty;
    private final Double presencePenalty;
    private final String thinking;
    private final Boolean search;
    private final Integer modelContextLength;

    private ChatRequest(Builder builder) {
        if (builder.prompts.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one prompt");
        }
        this.prompts = List.copyOf(builder.prompts);
        this.language = builder.language;
        this.temperature = builder.temperature;
        this.topP = builder.topP;
        this.frequencyPenalty = builder.frequencyPenalty;
        this.presencePenalty = builder.presencePenalty;
        this.thinking = builder.thinking;
        this.search = builder.search;
        this.modelContextLength = builder.modelContextLength;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A request that runs one pattern on one input with the default options. */
    public static ChatRequest ofPattern(String patternName, String userInput) {
        return builder().prompt(ChatPrompt.builder().patternName(patternName).userInput(userInput).build()).build();
    }

    public List<ChatPrompt> prompts() {
        return prompts;
    }

    public Optional<String> language() {
        return Optional.ofNullable(language);
    }

    /** The sampling temperature; {@value #DEFAULT_TEMPERATURE} unless set. */
    public double temperature() {
        return temperature;
    }

    /** The nucleus-sampling top_p; {@value #DEFAULT_TOP_P} unless set. */
    public double topP() {
        return topP;
    }

    public OptionalDouble frequencyPenalty() {
        return optional(frequencyPenalty);
    }

    public OptionalDouble presencePenalty() {
        return optional(presencePenalty);
    }

    /** Fabric's thinking level: {@code off}, {@code low}, {@code medium}, {@code high} or a token budget. */
    public Optional<String> thinking() {
        return Optional.ofNullable(thinking);
    }

    public Optional<Boolean> search() {
        return Optional.ofNullable(search);
    }

    public OptionalInt modelContextLength() {
        return modelContextLength == null ? OptionalInt.empty() : OptionalInt.of(modelContextLength);
    }

    private static OptionalDouble optional(Double value) {
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** Builds a {@link ChatRequest}. */
    public static final class Builder {
        private final List<ChatPrompt> prompts = new ArrayList<>();
        private String language;
        private double temperature = DEFAULT_TEMPERATURE;
        private double topP = DEFAULT_TOP_P;
        private Double frequencyPenalty;
        private Double presencePenalty;
        private String thinking;
        private Boolean search;
        private Integer modelContextLength;

        private Builder() {
        }

        /** Adds a prompt; Fabric runs the prompts one after the other in a single stream. */
        public Builder prompt(ChatPrompt prompt) {
            prompts.add(java.util.Objects.requireNonNull(prompt, "prompt"));
            return this;
        }

        /** The language to answer in, e.g. {@code fr}; {@code en} or unset leaves the pattern as it is. */
        public Builder language(String language) {
            this.language = language;
            return this;
        }

        public Builder temperature(double temperature) {
            this.temperature = finite("temperature", temperature);
            return this;
        }

        public Builder topP(double topP) {
            this.topP = finite("topP", topP);
            return this;
        }

        public Builder frequencyPenalty(double frequencyPenalty) {
            this.frequencyPenalty = finite("frequencyPenalty", frequencyPenalty);
            return this;
        }

        public Builder presencePenalty(double presencePenalty) {
            this.presencePenalty = finite("presencePenalty", presencePenalty);
            return this;
        }

        public Builder thinking(String thinking) {
            this.thinking = thinking;
            return this;
        }

        public Builder search(boolean search) {
            this.search = search;
            return this;
        }

        public Builder modelContextLength(int modelContextLength) {
            if (modelContextLength <= 0) {
                throw new IllegalArgumentException("modelContextLength must be positive, was " + modelContextLength);
            }
            this.modelContextLength = modelContextLength;
            return this;
        }

        private static Double finite(String name, double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(name + " must be a finite number, was " + value);
            }
            return value;
        }

        /** @throws IllegalArgumentException when no prompt was added */
        public ChatRequest build() {
            return new ChatRequest(this);
        }
    }
}
