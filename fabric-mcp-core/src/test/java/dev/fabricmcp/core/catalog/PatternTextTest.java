package dev.fabricmcp.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PatternTextTest {

    @Test
    void describesAPatternByTheFirstSentenceOfItsPurpose() {
        PatternEntry entry = PatternEntry.of("p", "", """
                # IDENTITY and PURPOSE

                You are a careful reviewer. You read code and find bugs.

                # STEPS
                - Read.
                """);
        assertEquals("You are a careful reviewer.", entry.description());
    }

    @Test
    void prefersFabricsOwnDescription() {
        assertEquals("Reviews code", PatternEntry.of("p", " Reviews code ", "# IDENTITY\n\nYou are x.").description());
    }

    @Test
    void fallsBackToTheFirstSentenceOfTheText() {
        assertEquals("Summarise the input.", PatternEntry.of("p", "", "Summarise the input. Be brief.").description());
        assertEquals("", PatternEntry.of("p", "", "").description());
    }

    @Test
    void listsTheVariablesOnceInOrderWithoutInputOrPlugins() {
        PatternEntry entry = PatternEntry.of("p", "", "Into {{lang_code}} for {{ role }}: {{input}} "
                + "{{lang_code}} {{plugin:datetime:now}}");
        assertEquals(List.of("lang_code", "role"), entry.variables());
    }
}
