package dev.fabricmcp.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a fresh emulator serves unless told otherwise: a few of Fabric's well-known patterns. */
final class DefaultContent {

    private DefaultContent() {
    }

    /**
     * {@code summarize} and {@code extract_wisdom} (no {@code {{input}}}: the input is appended),
     * {@code translate} (needs the variable {@code lang_code}) and {@code create_mermaid} (answers with a
     * diagram starting {@code graph TD}).
     */
    static Map<String, String> patterns() {
        Map<String, String> patterns = new LinkedHashMap<>();
        patterns.put("summarize", """
                # IDENTITY and PURPOSE

                You are an expert content summarizer. You take content in and output a Markdown formatted summary \
                using the format below.

                # OUTPUT SECTIONS

                - Combine all of your understanding of the content into a single, 20-word sentence in a section \
                called ONE SENTENCE SUMMARY:.
                - Output the 10 most important points of the content as a list with no more than 16 words per \
                point into a section called MAIN POINTS:.
                - Output a list of the 5 best takeaways from the content in a section called TAKEAWAYS:.

                # INPUT:

                INPUT:
                """);
        patterns.put("extract_wisdom", """
                # IDENTITY and PURPOSE

                You extract surprising, insightful, and interesting information from text content. You are \
                interested in insights related to the purpose and meaning of life, human flourishing, and the role \
                of technology in the future of humanity.

                # STEPS

                - Extract a summary of the content in 25 words into a section called SUMMARY.
                - Extract 20 to 50 of the most surprising, insightful, and interesting ideas into a section called \
                IDEAS.
                - Extract the most insightful quotes into a section called QUOTES.

                # INPUT

                INPUT:
                """);
        patterns.put("translate", """
                # IDENTITY and PURPOSE

                You are an expert translator who takes sentences or documentation as input and does your best to \
                translate them as accurately and perfectly as possible into the language specified by its language \
                code {{lang_code}}, e.g., "en-us" is American English or "ja-jp" is Japanese.

                # STEPS

                - Translate the input into the language {{lang_code}}, keeping the formatting.

                # INPUT

                {{input}}
                """);
        patterns.put("create_mermaid", """
                # IDENTITY and PURPOSE

                You are an expert at data and concept visualization and in turning complex ideas into a form that \
                can be visualized using Mermaid (markdown) syntax.

                # OUTPUT INSTRUCTIONS

                - Output only valid Mermaid syntax, starting with graph TD.

                # INPUT:

                INPUT:
                """);
        return patterns;
    }

    /** The canned YouTube transcript. */
    static final String YOUTUBE_TRANSCRIPT = "Hello and welcome to this video. Today we look at how an emulator "
            + "can stand in for a real server in tests. Thanks for watching.";
}
