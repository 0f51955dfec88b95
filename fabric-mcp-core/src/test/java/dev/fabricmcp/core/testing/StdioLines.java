package dev.fabricmcp.core.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The line layer of the tests' one stdio MCP client: newline-delimited messages written to a server's stdin, and
 * its stdout read line by line, in order, on one thread. {@link StdioClientTransport} parses each line as JSON-RPC
 * for the SDK's client; the benchmark's raw client takes the lines as they come, unparsed, to time each arrival
 * at the least cost.
 */
public final class StdioLines {

    private final InputStream stdout;
    private final OutputStream stdin;

    /** The lines of a server that writes {@code stdout} and reads {@code stdin}. */
    public StdioLines(InputStream stdout, OutputStream stdin) {
        this.stdout = stdout;
        this.stdin = stdin;
    }

    /**
     * Reads stdout on a daemon thread named {@code thread}, handing each line to {@code onLine} as soon as it is
     * read; calls {@code onClosed} when stdout has ended.
     */
    public void read(String thread, Consumer<String> onLine, Runnable onClosed) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(stdout, StandardCharsets.UTF_8), 1 << 16)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    onLine.accept(line);
                }
            } catch (IOException e) {
                // the server's stdout closed
            } finally {
                onClosed.run();
            }
        }, thread);
        reader.setDaemon(true);
        reader.start();
    }

    /** Writes {@code line} and a newline to the server's stdin, and flushes them. */
    public synchronized void send(String line) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the server's stdin, as a client that exits does. */
    public void closeStdin() {
        try {
            stdin.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
