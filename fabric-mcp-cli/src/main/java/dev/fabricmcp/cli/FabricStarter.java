package dev.fabricmcp.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --start-fabric}: when nothing answers at Fabric's URL, starts {@code fabric --serve} there as a child and
 * waits until it answers. The child is stopped when fabric-mcp exits, however it exits: a watchdog shell between
 * the two kills Fabric as soon as fabric-mcp's end of a pipe closes, which the kernel does even when fabric-mcp is
 * killed outright.
 */
final class FabricStarter implements AutoCloseable {

    /** How long Fabric may take to answer after it was started. */
    static final Duration START_LIMIT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(FabricStarter.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(100);

    /**
     * Runs {@code "$1" "${@:2}"} and waits for it; kills it when this shell's stdin (fabric-mcp's pipe) closes or
     * when the shell gets SIGTERM. Fabric's stdin is /dev/null, its output goes to the shell's, i.e. to fabric-mcp.
     */
    private static final String WATCHDOG = "exec 3<&0; \"$@\" </dev/null & child=$!; "
            + "{ read -r _ <&3; kill -TERM \"$child\" 2>/dev/null; } & "
            + "trap 'kill -TERM \"$child\" 2>/dev/null' TERM INT; wait \"$child\"; status=$?; wait \"$child\" 2>/dev/null;"
            + " exit $status";

    /** What {@code --start-fabric} found or did, for the log and for {@code doctor}. */
    record Outcome(String description, boolean started) {
    }

    private final Process process;
    private final Outcome outcome;

    private FabricStarter(Process process, Outcome outcome) {
        this.process = process;
        this.outcome = outcome;
    }

    Outcome outcome() {
        return outcome;
    }

    /**
     * Starts Fabric when nothing answers at {@code url}. {@code command} is the {@code fabric} executable, or empty
     * to look for one on {@code path}.
     *
     * @throws StartupException when Fabric should be started and cannot be
     */
    static FabricStarter ensure(URI url, Optional<Path> command, String path, Optional<Secret> apiKey) {
        String address = url.getHost() + ":" + port(url);
        if (answers(url)) {
            return new FabricStarter(null, new Outcome("found Fabric already answering at " + url, false));
        }
        Path fabric = command.or(() -> onPath(path)).orElseThrow(() -> new StartupException("--start-fabric: nothing"
                + " answers at " + url + " and there is no `fabric` on the PATH: install Fabric, or name it with"
                + " --fabric-command /path/to/fabric"));
        if (!Files.isExecutable(fabric)) {
            throw new StartupException("--start-fabric: " + fabric + " is not an executable file (--fabric-command)");
        }
        List<String> shell = new ArrayList<>(List.of("bash", "-c", WATCHDOG, "fabric-watchdog",
                fabric.toString(), "--serve", "--address", address));
        // Fabric takes its key only as a flag: local users who can list processes can read it there.
        apiKey.ifPresent(key -> shell.addAll(List.of("--api-key", key.reveal())));
        Process process;
        try {
            process = new ProcessBuilder(shell).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new StartupException("--start-fabric: cannot run bash to start " + fabric + ": " + e.getMessage(), e);
        }
        pumpToStderr(process.getInputStream());
        FabricStarter starter = new FabricStarter(process, new Outcome("started `" + fabric + " --serve --address "
                + address + "` (pid " + process.pid() + "), stopped when fabric-mcp exits", true));
        Runtime.getRuntime().addShutdownHook(new Thread(starter::close, "fabric-stop"));
        starter.awaitAnswer(url);
        LOG.info("--start-fabric: {}", starter.outcome.description());
        return starter;
    }

    private void awaitAnswer(URI url) {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (!answers(url)) {
            if (!process.isAlive()) {
                throw new StartupException("--start-fabric: `fabric --serve` exited with code " + process.exitValue()
                        + " before it answered at " + url + " (its output is above)");
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new StartupException("--start-fabric: `fabric --serve` did not answer at " + url + " within "
                        + START_LIMIT.toSeconds() + " s");
            }
            try {
                // Nothing tells us when Fabric starts listening but trying to connect.
                Thread.sleep(PROBE_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new StartupException("--start-fabric: interrupted while waiting for Fabric", e);
            }
        }
    }

    /** Stops Fabric if this started it: SIGTERM, then SIGKILL after five seconds. */
    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Whether something accepts connections at the URL's host and port. */
    static boolean answers(URI url) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), port(url)), (int) PROBE_TIMEOUT.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int port(URI url) {
        return url.getPort() != -1 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
    }

    private static Optional<Path> onPath(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "fabric");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    /** Fabric's own output goes to fabric-mcp's stderr (stdout may be the MCP stream), line by line in its format. */
    private static void pumpToStderr(InputStream output) {
        Thread pump = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    Logging.relay("fabric", line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "fabric-output");
        pump.setDaemon(true);
        pump.start();
    }
}
