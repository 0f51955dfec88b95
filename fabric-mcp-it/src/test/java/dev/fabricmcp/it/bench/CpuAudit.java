package dev.fabricmcp.it.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How much CPU the rest of the machine uses while the benchmark runs: all CPU time spent (from {@code /proc/stat})
 * minus what this JVM and its descendants (the fabric-mcp processes it starts, live or ended) spend. The benchmark
 * shares two cores between the emulator, the clients and fabric-mcp; a build or a test run of someone else at the
 * same time changes the figures. So each section waits for a quiet machine first, and the table says how much
 * others ran during each section.
 */
final class CpuAudit {

    /** Above this many CPUs used by others, a section's figures are marked as disturbed. */
    static final double QUIET = 0.10;

    private long busyAt;
    private long ownAt;
    private long nanosAt;

    CpuAudit() {
        restart();
    }

    /** Starts a new measuring interval. */
    void restart() {
        busyAt = machineBusyTicks();
        ownAt = ownTicks();
        nanosAt = System.nanoTime();
    }

    /** Average CPUs used by other processes since {@link #restart()} (0 when /proc cannot be read). */
    double otherCpus() {
        long busy = machineBusyTicks() - busyAt;
        long own = ownTicks() - ownAt;
        double seconds = (System.nanoTime() - nanosAt) / 1e9;
        return seconds <= 0 || busy <= 0 ? 0 : Math.max(0, (busy - own) / 100.0 / seconds);
    }

    /**
     * Waits (up to {@code maxSeconds}) until others have used less than {@link #QUIET} CPUs for 10 seconds in a row
     * (a test suite has pauses of a few seconds between its classes); returns whether the machine got quiet.
     */
    static boolean awaitQuiet(int maxSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        CpuAudit probe = new CpuAudit();
        boolean told = false;
        int quietWindows = 0;
        while (true) {
            probe.restart();
            Thread.sleep(2_000);
            double other = probe.otherCpus();
            quietWindows = other < QUIET ? quietWindows + 1 : 0;
            if (quietWindows >= 5) {
                return true;
            }
            if (other < QUIET) {
                continue;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            if (!told) {
                Benchmarks.log(String.format(Locale.ROOT, "waiting for a quiet machine: other processes use %.2f"
                        + " CPUs (up to %d s; --no-wait to skip)", other, maxSeconds));
                told = true;
            }
        }
    }

    /** user+nice+system+irq+softirq+steal of all CPUs, in clock ticks (USER_HZ, 100 on Linux). */
    private static long machineBusyTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + Long.parseLong(f[8]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** CPU time of this process, its ended children, and its live descendants, in clock ticks. */
    private static long ownTicks() {
        long[] total = {ticks("self")};
        ProcessHandle.current().descendants().forEach(p -> total[0] += ticks(String.valueOf(p.pid())));
        return total[0];
    }

    /** utime+stime+cutime+cstime of /proc/&lt;pid&gt;/stat; 0 when the process is gone. */
    private static long ticks(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            // f[0] is field 3 (state); utime, stime, cutime, cstime are fields 14-17
            return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
