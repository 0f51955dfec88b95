package dev.fabricmcp.core.cancel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RunningCallsTest {

    private final RunningCalls calls = new RunningCalls();

    @Test
    void matchesNumericIdsWhateverTheirJsonType() {
        AtomicBoolean stopped = new AtomicBoolean();
        calls.register("s", 7, reason -> stopped.set(true));
        calls.cancel("s", 7.0, "test");
        assertTrue(stopped.get());
        assertEquals(0, calls.size());
    }

    @Test
    void keepsSessionsApart() {
        AtomicBoolean stopped = new AtomicBoolean();
        calls.register("a", "id-1", reason -> stopped.set(true));
        calls.cancel("b", "id-1", "test");
        calls.cancelSession("b", "test");
        assertFalse(stopped.get());
        calls.cancelSession("a", "test");
        assertTrue(stopped.get());
    }

    @Test
    void aFinishedCallIsNoLongerCancelled() {
        AtomicBoolean stopped = new AtomicBoolean();
        RunningCalls.Registration registration = calls.register("s", "x", reason -> stopped.set(true));
        registration.close();
        calls.cancel("s", "x", "test");
        assertFalse(stopped.get());
    }
}
