package dev.fabricmcp.core.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
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
}
