package dev.fabricmcp.client;

/** Writes byte counts the way people read them: {@code 16 MiB}, {@code 64 KiB}, {@code 1500 bytes}. */
final class Sizes {

    private static final long KIB = 1024;
    private static final long MIB = KIB * KIB;

    private Sizes() {
    }

    static String describe(long bytes) {
        if (bytes >= MIB && bytes % MIB == 0) {
            return bytes / MIB + " MiB";
        }
        if (bytes >= KIB && bytes % KIB == 0) {
            return bytes / KIB + " KiB";
        }
        return bytes + (bytes == 1 ? " byte" : " bytes");
    }
}
