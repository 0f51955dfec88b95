package dev.fabricmcp.it.support;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real {@code fabric-mcp} command, started as a child process from the jar the build produced
 * ({@code fabric-mcp-cli/target/fabric-mcp.jar}). Its stderr is kept for diagnostics and for checks that no secret
 * is ever logged; its stdout belongs to whoever speaks MCP with it.
 */
public final class FabricMcpProcess implements AutoCloseable {

    private static final Pattern HTTP_ENDPOINT = Pattern.compile("serving MCP \\(Streamable HTTP\\) at (http[^\\s\"]+)");

    private final Process process;
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final CompletableFuture<URI> endpoint = new CompletableFuture<>();
    private final List<LineWaiter> waiters = new CopyOnWriteArrayList<>();

    private FabricMcpProcess(List<String> arguments, Map<String, String> environment) {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-XX:+UseSerialGC", "-jar", jar().toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("FABRIC"));
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        Thread reader = new Thread(this::readStderr, "fabric-mcp-stderr");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code fabric-mcp} (stdio by default) with these arguments and environment variables. */
    public static FabricMcpProcess start(List<String> arguments, Map<String, String> environment) {
        return new FabricMcpProcess(arguments, environment);
    }

    /** Starts the HTTP transport on a free port and waits until it serves. */
    public static FabricMcpProcess startHttp(List<String> arguments, Map<String, String> environment) {
        List<String> all = new ArrayList<>(List.of("--transport", "http", "--port", "0"));
        all.addAll(arguments);
        FabricMcpProcess server = new FabricMcpProcess(all, environment);
        server.endpoint();
        return server;
    }

    /** The jar under test. */
    public static Path jar() {
        Path jar = Path.of(System.getProperty("fabricmcp.jar", "../fabric-mcp-cli/target/fabric-mcp.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " does not exist: build fabric-mcp-cli first");
        }
        return jar.toAbsolutePath();
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The MCP endpoint of an HTTP server, as it announced it on stderr. */
    public URI endpoint() {
        try {
            return endpoint.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("fabric-mcp announced no HTTP endpoint within 30 s; stderr:\n"
                    + String.join("\n", stderr), e);
        } catch (Exception e) {
            throw new IllegalStateException("fabric-mcp did not start; stderr:\n" + String.join("\n", stderr), e);
        }
    }

    public InputStream stdout() {
        return process.getInputStream();
    }

    public OutputStream stdin() {
        return process.getOutputStream();
    }

    /**
     * The first stderr line (already written or still to come) that contains {@code text}.
     *
     * @throws AssertionError when no such line comes within the timeout
     */
    public String awaitStderr(String text, Duration timeout) {
        LineWaiter waiter = new LineWaiter(text, new CompletableFuture<>());
        waiters.add(waiter);
        stderr.stream().filter(line -> line.contains(text)).findFirst().ifPresent(waiter.line()::complete);
        try {
            return waiter.line().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no stderr line with '" + text + "' within " + timeout + "; stderr:\n"
                    + String.join("\n", stderr), e);
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            waiters.remove(waiter);
        }
    }

    private record LineWaiter(String text, CompletableFuture<String> line) {
    }

    /** Every line the process wrote to stderr so far. */
    public List<String> stderr() {
        return List.copyOf(stderr);
    }

    public Process process() {
        return process;
    }

    /** Waits for the process to end; returns its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("fabric-mcp did not exit within " + timeout + "; stderr:\n"
                        + String.join("\n", stderr));
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void readStderr() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                stderr.add(line);
                for (LineWaiter waiter : waiters) {
                    if (line.contains(waiter.text())) {
                        waiter.line().complete(line);
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
            endpoint.completeExceptionally(new IllegalStateException("fabric-mcp exited"));
        }
    }

    /** Stops the process like a service manager does (SIGTERM), then waits for it. */
    public int stop() {
        process.destroy();
        return awaitExit(Duration.ofSeconds(10));
    }

    /** SIGTERM, then SIGKILL if the process still runs five seconds later. */
    @Override
    public void close() {
        process.destroy();
        process.onExit().completeOnTimeout(process, 5, TimeUnit.SECONDS).join();
        process.destroyForcibly(); // nothing to do when it has exited
    }
}
