package dev.fabricmcp.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The one check of the names Fabric turns into file paths (patterns, contexts, sessions, strategies), whether they go
 * into a URL path or into the {@code /chat} body. Fabric reads a pattern name that starts with {@code /}, {@code ~},
 * {@code .} or {@code \} as a file path, and writes sessions to {@code sessions/<name>.json}: such a name could make
 * Fabric read any file (its own {@code .env} with the user's API keys) or write one. So a name must not be empty,
 * start with {@code ~} or {@code .}, contain {@code /}, {@code \}, {@code ..} or a control character, or be longer
 * than a file name can be; otherwise an {@link IllegalArgumentException} is thrown and no request is made.
 */
final class PathNames {

    /** The longest file name common file systems allow. */
    static final int MAX_LENGTH = 255;
    private static final int MAX_QUOTED = 80;

    private PathNames() {
    }

    /** Checks a name and encodes it as one URL path segment. */
    static String segment(String what, String name) {
        check(what, name);
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Checks a name of the {@code /chat} body, where empty means "not set". */
    static void checkOptional(String what, String name) {
        if (name != null && !name.isEmpty()) {
            check(what, name);
        }
    }

    private static void check(String what, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " must be at most " + MAX_LENGTH + " characters, got "
                    + name.length() + ": '" + printable(name) + "'");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            throw new IllegalArgumentException(what + " must not contain '/' or '\\': '" + printable(name) + "'");
        }
        if (name.contains("..")) {
            throw new IllegalArgumentException(what + " must not contain '..': '" + printable(name) + "'");
        }
        if (name.startsWith("~") || name.startsWith(".")) {
            throw new IllegalArgumentException(what + " must not start with '~' or '.' (Fabric would read it as a"
                    + " file path): '" + printable(name) + "'");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " must not contain control characters: '" + printable(name) + "'");
        }
    }

    /** The name as a message may quote it: control characters escaped, at most {@value #MAX_QUOTED} characters. */
    static String printable(String name) {
        StringBuilder text = new StringBuilder();
        name.codePoints().limit(MAX_QUOTED).forEach(c -> {
            if (Character.isISOControl(c)) {
                text.append(String.format("\\u%04x", c));
            } else {
                text.appendCodePoint(c);
            }
        });
        return name.codePointCount(0, name.length()) > MAX_QUOTED ? text + "…" : text.toString();
    }
}
