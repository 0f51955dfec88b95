package dev.fabricmcp.it.bench;

/**
 * What one streamed run delivered to a reader: how many chunks (or progress notifications) arrived, and for each
 * stamped one the delay between the emulator stamping it and the reader receiving it. {@link #arrived} is called
 * on the reader's thread the moment a message is read, with the time taken before anything else was done with it.
 */
final class Arrivals {

    /** Delay of each stamped chunk, microseconds. */
    final Samples latencyMicros = new Samples();
    /** The send stamp of each stamped chunk (to select a steady-state window), epoch microseconds. */
    final Samples sentMicros = new Samples();
    private int count;

    /** A message carrying {@code text} arrived at {@code nowMicros}. */
    synchronized void arrived(long nowMicros, CharSequence text) {
        count++;
        long sent = Stamps.sendMicros(text);
        if (sent > 0) {
            latencyMicros.add(nowMicros - sent);
            sentMicros.add(sent);
        }
    }

    synchronized int count() {
        return count;
    }
}
