package dev.fabricmcp.core.testing;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/** An output stream the test can close like a gate: writes block while it is shut, as to a client that stops reading. */
public final class GatedOutputStream extends FilterOutputStream {

    private boolean open = true;
    private final java.util.concurrent.CountDownLatch blocked = new java.util.concurrent.CountDownLatch(1);

    public GatedOutputStream(OutputStream out) {
        super(out);
    }

    public synchronized void shut() {
        open = false;
    }

    public synchronized void open() {
        open = true;
        notifyAll();
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        awaitOpen();
        out.write(bytes, offset, length);
    }

    @Override
    public void write(int b) throws IOException {
        awaitOpen();
        out.write(b);
    }

    /** Waits until a write found the gate shut: the writer is now held. */
    public boolean awaitBlockedWriter(long seconds) throws InterruptedException {
        return blocked.await(seconds, java.util.concurrent.TimeUnit.SECONDS);
    }

    private synchronized void awaitOpen() throws IOException {
        while (!open) {
            blocked.countDown();
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while the gate was shut");
            }
        }
    }
}
