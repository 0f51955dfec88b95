package dev.fabricmcp.client;

import java.util.Objects;

/**
 * A prompting strategy as {@code GET /strategies} lists it.
 *
 * @param name        the name to pass as {@code strategyName}
 * @param description what the strategy does
 * @param prompt      the text Fabric puts before the pattern
 */
public record Strategy(String name, String description, String prompt) {

    public Strategy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(prompt, "prompt");
    }
}
