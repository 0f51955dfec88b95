package dev.fabricmcp.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a fresh emulator serves unless told otherwise: patterns that read like Fabric's, and a transcript. */
final class DefaultContent {

    private DefaultContent() {
    }

    /**
     * The emulator's own patterns, written to look and behave like Fabric's (an IDENTITY and PURPOSE section,
     * steps, output instructions): 26 of them, among which {@code summarize} and {@code extract_wisdom} (no
     * {@code {{input}}}: the input is appended), {@code translate} (needs the variable {@code lang_code}),
     * {@code create_mermaid} (answers with a diagram starting {@code graph TD}) and patterns with other variables
     * ({@code write_sql}: {@code dialect}, {@code create_quiz}: {@code level}, {@code create_social_post}:
     * {@code platform}, {@code create_interview_questions}: {@code role}). They live in
     * {@code patterns/<name>/system.md} beside this class, as in Fabric's patterns folder.
     */
    static Map<String, String> patterns() {
        Map<String, String> patterns = new LinkedHashMap<>();
        for (String name : resource("patterns/index.txt").lines().filter(line -> !line.isBlank()).toList()) {
            patterns.put(name, resource("patterns/" + name + "/system.md"));
        }
        return patterns;
    }

    private static String resource(String path) {
        try (InputStream in = DefaultContent.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the emulator's resource " + path + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The canned YouTube transcript. */
    static final String YOUTUBE_TRANSCRIPT = "Hello and welcome to this video. Today we look at how an emulator "
            + "can stand in for a real server in tests. Thanks for watching.";
}
