package dev.fabricmcp.core.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameCompleterTest {

    @Test
    void offersNamesStartingWithTheTextFirstThenNamesContainingIt() {
        McpSchema.CompleteResult.CompleteCompletion completion = NameCompleter.rank(List.of("summarize",
                "create_summary", "Summarize_meeting", "analyze_claims", "write_sql"), "sum").completion();
        assertEquals(List.of("summarize", "Summarize_meeting", "create_summary"), completion.values());
        assertEquals(3, completion.total());
        assertEquals(false, completion.hasMore());
    }

    @Test
    void givesAtMostOneHundredValuesAndSaysHowManyThereAre() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            names.add(String.format("pattern_%03d", i));
        }
        McpSchema.CompleteResult.CompleteCompletion completion = NameCompleter.rank(names, "").completion();
        assertEquals(100, completion.values().size());
        assertEquals("pattern_000", completion.values().get(0));
        assertEquals(250, completion.total());
        assertEquals(true, completion.hasMore());
    }
}
