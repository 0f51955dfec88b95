package dev.fabricmcp.core;

/**
 * Text from outside (names, ids, reasons, Fabric's messages) as a log line may quote it: line breaks and other
 * control characters escaped, so that no value can forge a log line, and at most {@value #MAX_CHARS} characters, so
 * that a huge value cannot flood the log.
 */
public final class LogText {

    static final int MAX_CHARS = 300;

    private LogText() {
    }

    /** The value escaped and shortened; {@code null} reads as {@code null}. */
    public static String of(Object value) {
        return of(value, MAX_CHARS);
    }

    /**
     * The value escaped and shortened to {@code maxChars} (before escaping): what a log sink makes of a whole
     * message, whoever wrote it.
     */
    public static String of(Object value, int maxChars) {
        String text = String.valueOf(value);
        StringBuilder quoted = new StringBuilder(Math.min(text.length(), maxChars) + 16);
        int end = Math.min(text.length(), maxChars);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        if (text.length() > maxChars) {
            quoted.append("… (").append(text.length()).append(" characters)");
        }
        return quoted.toString();
    }
}
