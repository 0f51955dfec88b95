package dev.fabricmcp.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Node 22 program from the installed MCP clients and collects what it printed.
 *
 * @param exitCode its exit code
 * @param output   stdout and stderr, interleaved as printed
 */
public record NodeRun(int exitCode, String output) {

    /** Runs {@code node <arguments>} in the clients' folder, with extra environment variables. */
    public static NodeRun run(List<String> arguments, Map<String, String> environment, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(NodeClients.node().toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(NodeClients.home().toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        Path nodeBin = NodeClients.node().getParent();
        builder.environment().put("PATH", nodeBin + ":" + System.getenv("PATH"));
        try {
            Process process = builder.start();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "(output unreadable: " + e + ")";
                }
            });
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("node " + arguments + " did not finish within " + timeout + ":\n"
                        + output.getNow("(nothing yet)"));
            }
            return new NodeRun(process.exitValue(), output.get(10, TimeUnit.SECONDS));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The last line printed, where the probe puts its JSON summary. */
    public String lastLine() {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }
}
