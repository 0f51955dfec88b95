package dev.fabricmcp.core.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class WriteWindowTest {

    @Test
    void aSendWaitsUntilALineIsWritten() throws Exception {
        WriteWindow window = new WriteWindow(2);
        OutputStream out = window.track(new ByteArrayOutputStream());
        assertTrue(window.acquire().toFuture().isDone());
        assertTrue(window.acquire().toFuture().isDone());
        CompletableFuture<Void> third = window.acquire().toFuture();
        assertFalse(third.isDone());
        assertEquals(1, window.waiting());

        out.write("{\"partial\":".getBytes(StandardCharsets.UTF_8));
        assertFalse(third.isDone(), "half a message is not a message");
        out.write("1}\n".getBytes(StandardCharsets.UTF_8));
        assertTrue(third.isDone());
    }

    @Test
    void aCancelledWaitGivesUpItsPlace() throws Exception {
        WriteWindow window = new WriteWindow(1);
        OutputStream out = window.track(new ByteArrayOutputStream());
        window.acquire().toFuture();
        CompletableFuture<Void> cancelled = window.acquire().toFuture();
        cancelled.cancel(true);
        CompletableFuture<Void> next = window.acquire().toFuture();
        out.write('\n');
        assertTrue(next.isDone());
        assertEquals(0, window.waiting());
    }

    @Test
    void aSendCancelledAsThePermitIsHandedToItGivesThePermitBack() throws Exception {
        WriteWindow window = new WriteWindow(1);
        OutputStream out = window.track(OutputStream.nullOutputStream());
        window.acquire().toFuture();
        CompletableFuture<Void> waiting = window.acquire().toFuture();

        Thread canceller = new Thread(() -> waiting.cancel(true), "canceller");
        synchronized (window) {
            canceller.start();
            // The cancel marks the send cancelled first, then waits for the window to forget the send: the moment
            // when a written line hands it a permit that it can no longer take.
            awaitBlockedOn(canceller, window);
            out.write('\n');
        }
        canceller.join();

        assertTrue(waiting.isCancelled());
        assertEquals(0, window.waiting());
        assertTrue(window.acquire().toFuture().isDone(), "the permit the cancelled send could not take is free");
    }

    /** Returns once {@code thread} waits for {@code monitor} (or has ended). */
    private static void awaitBlockedOn(Thread thread, Object monitor) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        while (thread.isAlive()) {
            ThreadInfo info = threads.getThreadInfo(thread.getId());
            if (info != null && info.getThreadState() == Thread.State.BLOCKED && info.getLockInfo() != null
                    && info.getLockInfo().getIdentityHashCode() == System.identityHashCode(monitor)) {
                return;
            }
            Thread.onSpinWait();
        }
    }
}
