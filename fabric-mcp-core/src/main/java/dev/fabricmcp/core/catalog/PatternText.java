package dev.fabricmcp.core.catalog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;

/** What can be read off a pattern's text: its purpose in one sentence, and the variables it uses. */
final class PatternText {

    /** Fabric's template variables: {@code {{name}}}; {@code {{plugin:...}}} and the like are not variables. */
    private static final java.util.regex.Pattern VARIABLE =
            java.util.regex.Pattern.compile("\\{\\{\\s*([A-Za-z0-9_-]+)\\s*}}");

    private static final int MAX_DESCRIPTION = 200;

    private PatternText() {
    }

    /** The variables in order of first use; {@code input} is Fabric's own. */
    static List<String> variables(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = VARIABLE.matcher(text);
        while (matcher.find()) {
            if (!matcher.group(1).equals("input")) {
                names.add(matcher.group(1));
            }
        }
        return List.copyOf(names);
    }

    /**
     * The first sentence under the heading that states the pattern's identity or purpose (Fabric's patterns open
     * with {@code # IDENTITY and PURPOSE}); else the first sentence of the text; empty for an empty text.
     */
    static String firstPurposeSentence(String text) {
        List<String> lines = text.lines().toList();
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip().toUpperCase(Locale.ROOT);
            if (line.startsWith("#") && (line.contains("IDENTITY") || line.contains("PURPOSE"))) {
                start = i + 1;
                break;
            }
        }
        List<String> paragraph = new ArrayList<>();
        for (int i = start; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("#")) {
                if (!paragraph.isEmpty()) {
                    break;
                }
                continue;
            }
            if (line.isEmpty()) {
                if (!paragraph.isEmpty()) {
                    break;
                }
                continue;
            }
            paragraph.add(line.replaceFirst("^[-*]\\s+", ""));
        }
        return firstSentence(String.join(" ", paragraph));
    }

    private static String firstSentence(String paragraph) {
        Matcher end = java.util.regex.Pattern.compile("[.!?](\\s|$)").matcher(paragraph);
        String sentence = end.find() ? paragraph.substring(0, end.start() + 1) : paragraph;
        return sentence.length() <= MAX_DESCRIPTION ? sentence
                : sentence.substring(0, MAX_DESCRIPTION - 1).stripTrailing() + "…";
    }
}
