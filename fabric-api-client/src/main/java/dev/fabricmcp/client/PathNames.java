package dev.fabricmcp.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Checks and encodes names that go into a URL path. A name that could reach another route or another file on
 * Fabric's side ({@code /}, {@code \}, {@code ..}) or that holds control characters is refused before any request
 * is made.
 */
final class PathNames {

    private PathNames() {
    }

    static String segment(String what, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            throw new IllegalArgumentException(what + " must not contain '/' or '\\': '" + printable(name) + "'");
        }
        if (name.contains("..")) {
            throw new IllegalArgumentException(what + " must not contain '..': '" + printable(name) + "'");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " must not contain control characters: '" + printable(name) + "'");
        }
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String printable(String name) {
        StringBuilder text = new StringBuilder();
        name.codePoints().limit(200).forEach(c -> {
            if (Character.isISOControl(c)) {
                text.append(String.format("\\u%04x", c));
            } else {
                text.appendCodePoint(c);
            }
        });
        return text.toString();
    }
}
