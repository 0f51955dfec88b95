package dev.fabricmcp.core;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * An {@link OutOfMemoryError} as an ordinary failure. Reactor rethrows such "JVM fatal" errors from its operators
 * instead of signalling them downstream, so a call that ran out of memory was never answered, and the error could
 * end the thread it was thrown on (the stdio reader's: the whole server). Where work enters a call's pipeline (a
 * Fabric call starting, Fabric's answers arriving, a result being built), the error is caught and replaced by this,
 * which travels as an error signal to the call's {@code isError} result; the memory the failed call held goes with
 * it, and the server goes on.
 */
public final class MemoryExhausted extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MemoryExhausted(OutOfMemoryError cause) {
        // No stack trace of its own: filling one in allocates, when memory is what ran out.
        super("ran out of memory", cause, false, false);
    }

    /** {@code work}'s value, its {@link OutOfMemoryError} thrown as a {@code MemoryExhausted}. */
    public static <T> T guard(Supplier<T> work) {
        try {
            return work.get();
        } catch (OutOfMemoryError e) {
            throw new MemoryExhausted(e);
        }
    }

    /** {@code work} as a callable whose {@link OutOfMemoryError} is thrown as a {@code MemoryExhausted}. */
    public static <T> Callable<T> guarded(Callable<T> work) {
        return () -> {
            try {
                return work.call();
            } catch (OutOfMemoryError e) {
                throw new MemoryExhausted(e);
            }
        };
    }

    /** A failure signalled to a pipeline, an {@link OutOfMemoryError} replaced by a {@code MemoryExhausted}. */
    public static Throwable tame(Throwable failure) {
        return failure instanceof OutOfMemoryError e ? new MemoryExhausted(e) : failure;
    }
}
