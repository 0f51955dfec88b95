package dev.fabricmcp.client;

import java.time.Duration;

/** Writes durations the way people read them: {@code 10 minutes}, {@code 30 seconds}, {@code 250 ms}. */
final class Durations {

    private Durations() {
    }

    static String describe(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0 && millis > 0) {
            long minutes = millis / 60_000;
            return minutes + (minutes == 1 ? " minute" : " minutes");
        }
        if (millis % 1000 == 0 && millis > 0) {
            long seconds = millis / 1000;
            return seconds + (seconds == 1 ? " second" : " seconds");
        }
        return millis + " ms";
    }
}
