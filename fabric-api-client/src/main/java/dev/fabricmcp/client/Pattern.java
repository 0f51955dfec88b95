package dev.fabricmcp.client;

import java.util.Objects;

/**
 * A Fabric pattern as {@code GET /patterns/{name}} returns it.
 *
 * @param name        the pattern's name
 * @param description Fabric's description (current Fabric always sends an empty one)
 * @param pattern     the pattern's system prompt ({@code system.md})
 */
public record Pattern(String name, String description, String pattern) {

    public Pattern {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(pattern, "pattern");
    }
}
