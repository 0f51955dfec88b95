package dev.fabricmcp.it.bench;

import java.time.Instant;

/**
 * Reads the send time that {@code ChatScript.timestamped} puts in each chunk ({@code seq=<i> ts=<epoch µs>}) out of
 * any text that carries it: the chunk itself, an SSE {@code data:} line, a JSON-RPC line. No JSON parsing, so the
 * leanest readers add nothing measurable; the first stamp in the text is used.
 */
final class Stamps {

    private Stamps() {
    }

    /** Microseconds since the epoch, now (same clock as {@code ChunkStamp.nowMicros()}, cheaper). */
    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** The {@code ts=} value of the first stamp in {@code text}, or -1 when it has none. */
    static long sendMicros(CharSequence text) {
        int n = text.length();
        for (int i = 0; i + 3 < n; i++) {
            if (text.charAt(i) == 't' && text.charAt(i + 1) == 's' && text.charAt(i + 2) == '='
                    && i >= 1 && text.charAt(i - 1) == ' ') {
                long value = 0;
                int j = i + 3;
                boolean any = false;
                while (j < n) {
                    char c = text.charAt(j);
                    if (c < '0' || c > '9') {
                        break;
                    }
                    value = value * 10 + (c - '0');
                    any = true;
                    j++;
                }
                if (any) {
                    return value;
                }
            }
        }
        return -1;
    }
}
