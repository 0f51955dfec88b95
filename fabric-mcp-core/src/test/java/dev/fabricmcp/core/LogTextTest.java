package dev.fabricmcp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void escapesWhatCouldForgeALogLine() {
        assertEquals("x\\r\\nX-Evil: 1", LogText.of("x\r\nX-Evil: 1"));
        assertEquals("a\\u0000b\\u001b[31m\\u2028c\\td", LogText.of("a\u0000b\u001b[31m\u2028c\td"));
    }

    @Test
    void shortensAHugeValue() {
        String quoted = LogText.of("n".repeat(10_000_000));
        assertTrue(quoted.length() < 400, "length " + quoted.length());
        assertTrue(quoted.endsWith("… (10000000 characters)"), quoted.substring(quoted.length() - 40));
    }

    @Test
    void leavesOrdinaryTextAlone() {
        assertEquals("summarize", LogText.of("summarize"));
        assertEquals("null", LogText.of(null));
    }
}
