package dev.fabricmcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** The log sink: whatever a message holds, it is one line of bounded length, in either format. */
class StderrLogProviderTest {

    private static final String FORGING = "Client initialize request - Info: Implementation[name=x\r\nFORGED: 1\u001b[31m]";

    @AfterEach
    void textAgain() {
        StderrLogProvider.format = LogFormat.TEXT;
    }

    @Test
    void aTextLineEscapesControlCharacters() {
        StderrLogProvider.format = LogFormat.TEXT;
        String line = StderrLogProvider.line(Level.INFO, "io.modelcontextprotocol.server.McpAsyncServer", FORGING,
                null, null);
        assertTrue(line.endsWith(" INFO McpAsyncServer - Client initialize request - Info: Implementation[name=x"
                + "\\r\\nFORGED: 1\\u001b[31m]"), line);
        assertEquals(1, line.lines().count(), line);
    }

    @Test
    void aJsonLineEscapesControlCharactersInTheMessageAndTheContext() {
        StderrLogProvider.format = LogFormat.JSON;
        String line = StderrLogProvider.line(Level.WARN, "x.Y", FORGING, Map.of("pattern", "p\nq"), null);
        JsonObject json = JsonParser.parseString(line).getAsJsonObject();
        assertEquals("Client initialize request - Info: Implementation[name=x\\r\\nFORGED: 1\\u001b[31m]",
                json.get("message").getAsString());
        assertEquals("p\\nq", json.get("pattern").getAsString());
        assertEquals("WARN", json.get("level").getAsString());
    }

    @Test
    void aHugeMessageIsCutInBothFormats() {
        String huge = "Info: " + "9".repeat(10_000_000);
        for (LogFormat format : LogFormat.values()) {
            StderrLogProvider.format = format;
            String line = StderrLogProvider.line(Level.INFO, "x.Y", huge, null, null);
            assertTrue(line.length() < StderrLogProvider.MAX_MESSAGE_CHARS + 200, format + ": " + line.length());
            assertTrue(line.contains("… (10000006 characters)"), format + ": " + line.substring(line.length() - 60));
        }
    }

    @Test
    void aStackTraceKeepsItsFramesAndEscapesEachMessage() {
        StderrLogProvider.format = LogFormat.TEXT;
        IllegalStateException failure = new IllegalStateException("outer\r\nFORGED: 2",
                new IllegalArgumentException("inner\nFORGED: 3"));
        String line = StderrLogProvider.line(Level.ERROR, "x.Y", "failed", null, failure);
        assertTrue(line.contains("java.lang.IllegalStateException: outer\\r\\nFORGED: 2"), line);
        assertTrue(line.contains("Caused by: java.lang.IllegalArgumentException: inner\\nFORGED: 3"), line);
        assertTrue(line.contains("\tat dev.fabricmcp.cli.StderrLogProviderTest."), line);
        assertFalse(line.lines().anyMatch(text -> text.startsWith("FORGED")), line);
    }
}
