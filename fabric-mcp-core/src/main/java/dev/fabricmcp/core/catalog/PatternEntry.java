package dev.fabricmcp.core.catalog;

import java.util.List;
import java.util.Objects;

/**
 * One Fabric pattern as the catalog knows it.
 *
 * @param name        the pattern's name
 * @param description a line a person can choose by: Fabric's description when it sends one, else the first
 *                    sentence of the pattern's IDENTITY and PURPOSE section
 * @param text        the pattern's raw system prompt
 * @param variables   the {@code {{variables}}} the text uses, {@code input} excluded, in order of first use
 */
public record PatternEntry(String name, String description, String text, List<String> variables) {

    public PatternEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(text, "text");
        variables = List.copyOf(variables);
    }

    /** The entry for a pattern as Fabric sent it. */
    public static PatternEntry of(String name, String fabricDescription, String text) {
        String description = fabricDescription == null || fabricDescription.isBlank()
                ? PatternText.firstPurposeSentence(text) : fabricDescription.strip();
        return new PatternEntry(name, description, text, PatternText.variables(text));
    }
}
