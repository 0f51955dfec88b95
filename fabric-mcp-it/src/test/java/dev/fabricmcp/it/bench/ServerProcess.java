package dev.fabricmcp.it.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real fabric-mcp as a child process, started the way a user starts it: through the {@code fabric-mcp}
 * launcher script (its JVM flags, and for stdio its class-data archive), or with a plain {@code java -jar} for
 * comparison. ({@code support.FabricMcpProcess} always runs {@code java -XX:+UseSerialGC -jar}, which is neither.)
 * Extra JVM options (a flight recording, say) go through {@code FABRIC_MCP_JAVA_OPTS} for the launcher.
 */
final class ServerProcess implements AutoCloseable {

    enum Launch { LAUNCHER, JAVA_JAR }

    private static final Pattern HTTP_ENDPOINT = Pattern.compile("serving MCP \\(Streamable HTTP\\) at (\\S+)");
    private static final int STDERR_LINES_KEPT = 200;

    private final Process process;
    private final Deque<String> stderr = new ArrayDeque<>();
    private final CompletableFuture<URI> endpoint = new CompletableFuture<>();
    private final String name;
    private final boolean http;

    private ServerProcess(String name, List<String> command, URI fabric, List<String> jvmOptions, Launch launch) {
        this.name = name;
        this.http = command.contains("--transport");
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("FABRIC") || k.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().put("FABRIC_BASE_URL", fabric.toString());
        if (launch == Launch.LAUNCHER && !jvmOptions.isEmpty()) {
            builder.environment().put("FABRIC_MCP_JAVA_OPTS", String.join(" ", jvmOptions));
        }
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        Thread reader = new Thread(this::readStderr, name + "-stderr");
        reader.setDaemon(true);
        reader.start();
    }

    /** The checkout's root (where the launcher is). */
    static Path root() {
        return Path.of(System.getProperty("fabricmcp.root", ".")).toAbsolutePath().normalize();
    }

    static Path launcher() {
        return root().resolve("fabric-mcp");
    }

    static Path jar() {
        Path jar = root().resolve("fabric-mcp-cli/target/fabric-mcp.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: run bench/run (it builds it)");
        }
        return jar;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The command that starts fabric-mcp with these server arguments. */
    static List<String> command(Launch launch, List<String> jvmOptions, List<String> arguments) {
        List<String> command = new ArrayList<>();
        if (launch == Launch.LAUNCHER) {
            command.add(launcher().toString());
        } else {
            command.add(java());
            command.addAll(jvmOptions);
            command.add("-jar");
            command.add(jar().toString());
        }
        command.addAll(arguments);
        return command;
    }

    /** fabric-mcp on stdio. */
    static ServerProcess stdio(String name, Launch launch, URI fabric, List<String> jvmOptions) {
        return new ServerProcess(name, command(launch, jvmOptions, List.of()), fabric, jvmOptions, launch);
    }

    /** Any stdio MCP server started by {@code command} (another implementation, or a distribution's launcher). */
    static ServerProcess stdio(String name, List<String> command, URI fabric) {
        return new ServerProcess(name, command, fabric, List.of(), Launch.LAUNCHER);
    }

    /** fabric-mcp on Streamable HTTP, on a free port; returns once it serves. */
    static ServerProcess http(String name, Launch launch, URI fabric, List<String> jvmOptions) {
        ServerProcess server = new ServerProcess(name,
                command(launch, jvmOptions, List.of("--transport", "http", "--port", "0")), fabric, jvmOptions, launch);
        server.endpoint();
        return server;
    }

    URI endpoint() {
        try {
            return endpoint.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(name + " did not announce its HTTP endpoint; stderr:\n" + stderrTail(), e);
        }
    }

    InputStream stdout() {
        return process.getInputStream();
    }

    OutputStream stdin() {
        return process.getOutputStream();
    }

    long pid() {
        return process.pid();
    }

    /** Resident set size now (VmRSS of /proc/&lt;pid&gt;/status), in kB. */
    long rssKb() {
        return rssKb(pid());
    }

    /**
     * The process's CPU time so far, user and kernel (utime and stime of /proc/&lt;pid&gt;/stat), and the context
     * switches of its live threads (voluntary and not, summed over /proc/&lt;pid&gt;/task/*&#47;status).
     */
    record Cpu(long userNanos, long systemNanos, long contextSwitches) {
        Cpu minus(Cpu earlier) {
            return new Cpu(userNanos - earlier.userNanos, systemNanos - earlier.systemNanos,
                    contextSwitches - earlier.contextSwitches);
        }
    }

    Cpu cpu() {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            long switches = 0;
            try (var tasks = Files.list(Path.of("/proc/" + pid() + "/task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    try {
                        for (String line : Files.readAllLines(task.resolve("status"))) {
                            if (line.startsWith("voluntary_ctxt_switches:")
                                    || line.startsWith("nonvoluntary_ctxt_switches:")) {
                                switches += Long.parseLong(line.replaceAll("[^0-9]", ""));
                            }
                        }
                    } catch (IOException e) {
                        // the thread ended meanwhile
                    }
                }
            }
            return new Cpu(Long.parseLong(f[11]) * 10_000_000L, Long.parseLong(f[12]) * 10_000_000L, switches);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CPU time of process " + pid(), e);
        }
    }

    /**
     * Per thread name (digits folded into {@code #}, so a pool counts as one): CPU time in clock ticks and context
     * switches so far, from /proc/&lt;pid&gt;/task/*. To say which threads a chunk wakes up (finding 8).
     */
    Map<String, long[]> threads() {
        Map<String, long[]> threads = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid() + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "#");
                    String stat = Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
                    long switches = 0;
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")
                                || line.startsWith("nonvoluntary_ctxt_switches:")) {
                            switches += Long.parseLong(line.replaceAll("[^0-9]", ""));
                        }
                    }
                    long[] sum = threads.computeIfAbsent(name, n -> new long[2]);
                    sum[0] += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    sum[1] += switches;
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the threads of process " + pid(), e);
        }
        return threads;
    }

    /** What each thread did between two {@link #threads()} snapshots, per chunk, busiest first, for the log. */
    static String threadsPerChunk(Map<String, long[]> before, Map<String, long[]> after, int chunks) {
        List<String> lines = new ArrayList<>();
        after.entrySet().stream()
                .map(e -> {
                    long[] was = before.getOrDefault(e.getKey(), new long[2]);
                    return Map.entry(e.getKey(), new long[] {e.getValue()[0] - was[0], e.getValue()[1] - was[1]});
                })
                .filter(e -> e.getValue()[0] > 0 || e.getValue()[1] > 0)
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .forEach(e -> lines.add(String.format(java.util.Locale.ROOT, "%s %.2f sw, %.0f µs",
                        e.getKey(), e.getValue()[1] / (double) chunks, e.getValue()[0] * 10_000.0 / chunks)));
        return String.join("; ", lines);
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the RSS of process " + pid, e);
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }

    synchronized String stderrTail() {
        return String.join("\n", stderr);
    }

    private void readStderr() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (this) {
                    stderr.addLast(line);
                    if (stderr.size() > STDERR_LINES_KEPT) {
                        stderr.removeFirst();
                    }
                }
                Matcher match = HTTP_ENDPOINT.matcher(line);
                if (match.find()) {
                    endpoint.complete(URI.create(match.group(1)));
                }
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            endpoint.completeExceptionally(new IllegalStateException(name + " exited"));
        }
    }

    /** Ends the process: stdio servers see their stdin close (as when a client exits), HTTP servers get SIGTERM. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already closed
        }
        try {
            if (http || !process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
