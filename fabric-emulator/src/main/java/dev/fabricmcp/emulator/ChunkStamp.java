package dev.fabricmcp.emulator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The send-time stamp that timestamped scenarios put into each content chunk, so a client (possibly in
 * another process) can measure the delay between the emulator writing a chunk and the chunk arriving.
 *
 * <p>The chunk content is exactly {@code seq=<n> ts=<epochMicros>\n}: {@code n} counts from 0 within the
 * prompt, {@code epochMicros} is microseconds since the Unix epoch ({@link Instant#now()}) taken just before
 * the chunk is written. Wall-clock time is used, not {@link System#nanoTime()}, because the reader may be
 * another JVM on the same machine; compare it with {@link #nowMicros()} on arrival.
 *
 * @param sequence    the chunk number, from 0
 * @param epochMicros the send time, microseconds since the epoch
 */
public record ChunkStamp(int sequence, long epochMicros) {

    private static final Pattern STAMP = Pattern.compile("seq=(\\d+) ts=(\\d+)");

    /** Microseconds since the Unix epoch, now. */
    public static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    /** A stamp for chunk {@code sequence}, taken now. */
    static ChunkStamp now(int sequence) {
        return new ChunkStamp(sequence, nowMicros());
    }

    /** The chunk content: {@code seq=<n> ts=<epochMicros>\n}. */
    public String render() {
        return "seq=" + sequence + " ts=" + epochMicros + "\n";
    }

    /** Finds every stamp in {@code text} (one chunk, or several chunks concatenated), in order. */
    public static List<ChunkStamp> parseAll(CharSequence text) {
        List<ChunkStamp> stamps = new ArrayList<>();
        Matcher m = STAMP.matcher(text);
        while (m.find()) {
            stamps.add(new ChunkStamp(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2))));
        }
        return stamps;
    }
}
