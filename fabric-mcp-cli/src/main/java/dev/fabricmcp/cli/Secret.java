package dev.fabricmcp.cli;

import java.util.Objects;

/**
 * A key or token read from the environment or a file. It prints as {@code (hidden)} so that it cannot reach a log,
 * a message or an exception by accident; {@link #reveal()} is the one way to the value.
 */
final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** A secret, or {@code null} when the value is null or blank (an empty variable means "not set"). */
    static Secret ofNullable(String value) {
        return value == null || value.isBlank() ? null : new Secret(value);
    }

    String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && value.equals(secret.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return "(hidden)";
    }
}
