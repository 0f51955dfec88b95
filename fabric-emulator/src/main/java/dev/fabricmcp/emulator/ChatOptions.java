package dev.fabricmcp.emulator;

/**
 * The options of a {@code POST /chat} body that Fabric uses, as bound from its untagged
 * {@code domain.ChatOptions} fields (JSON keys match the Go names case-insensitively: {@code temperature},
 * {@code topP}, ...; snake case such as {@code top_p} does not bind). No defaults are applied: a missing
 * value is 0, {@code ""} or {@code false}.
 */
public record ChatOptions(double temperature, double topP, double presencePenalty, double frequencyPenalty,
        String thinking, boolean search, String searchLocation) {
}
