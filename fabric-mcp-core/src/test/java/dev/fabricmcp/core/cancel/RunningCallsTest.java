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
        calls.register("s", 7, stop -> stopped.set(true));
        calls.cancel("s", 7.0, "test");
        assertTrue(stopped.get());
        assertEquals(0, calls.size());
    }

    @Test
    void keepsSessionsApart() {
        AtomicBoolean stopped = new AtomicBoolean();
        calls.register("a", "id-1", stop -> stopped.set(true));
        calls.cancel("b", "id-1", "test");
        calls.cancelSession("b", "test");
        assertFalse(stopped.get());
        calls.cancelSession("a", "test");
        assertTrue(stopped.get());
    }

    @Test
    void tellsACallWhetherItsOwnClientCancelledIt() {
        java.util.List<RunningCalls.Stop> stops = new java.util.ArrayList<>();
        calls.register("s", 1, stops::add);
        calls.register("s", 2, stops::add);
        calls.cancel("s", 1, "the user pressed stop");
        calls.cancelAll("the server is stopping");
        assertEquals(java.util.List.of(new RunningCalls.Stop("the user pressed stop", true),
                new RunningCalls.Stop("the server is stopping", false)), stops);
    }

    @Test
    void aFinishedCallIsNoLongerCancelled() {
        AtomicBoolean stopped = new AtomicBoolean();
        RunningCalls.Registration registration = calls.register("s", "x", stop -> stopped.set(true));
        registration.close();
        calls.cancel("s", "x", "test");
        assertFalse(stopped.get());
    }
}
