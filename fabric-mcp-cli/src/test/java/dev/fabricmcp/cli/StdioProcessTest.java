package dev.fabricmcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.fabricmcp.core.testing.JsonRpc;
import dev.fabricmcp.emulator.ChatScript;
import dev.fabricmcp.emulator.FabricEmulator;
import dev.fabricmcp.emulator.RecordedChat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The stdio server as a client runs it: {@code main} in a child JVM, MCP on its stdin and stdout. Its stdout must
 * carry JSON-RPC messages only, and it must go away promptly when the client closes stdin or sends SIGTERM.
 */
class StdioProcessTest {

    private static final String END_OF_STREAM = "\u0000end";

    private Process server;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();
    private Thread stderrReader;

    private void start(String fabricUrl) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), FabricMcpCommand.class.getName(),
                "--log-level", "debug");
        builder.environment().put("FABRIC_BASE_URL", fabricUrl);
        builder.environment().remove(FabricMcpCommand.FABRIC_API_KEY);
        server = builder.start();
        pump(server.getInputStream(), stdout::add, "stdout");
        stderrReader = pump(server.getErrorStream(), line -> stderr.append(line).append('\n'), "stderr");
    }

    private static Thread pump(InputStream stream, Consumer<String> sink, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                sink.accept("<" + name + " failed: " + e + ">");
            }
            sink.accept(END_OF_STREAM);
        }, "child-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void send(String... messages) throws IOException {
        OutputStream in = server.getOutputStream();
        for (String message : messages) {
            in.write((message + "\n").getBytes(StandardCharsets.UTF_8));
        }
        in.flush();
    }

    /** Reads stdout up to the response with this id, checking that every line is a JSON-RPC message. */
    private JsonObject responseTo(int id) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        while (true) {
            String line = stdout.poll(30, TimeUnit.SECONDS);
            if (line == null || line.equals(END_OF_STREAM)) {
                throw new AssertionError("no response to " + id + " on stdout; saw " + seen + "\nstderr:\n" + stderr);
            }
            seen.add(line);
            JsonObject message = jsonRpc(line);
            if (message.has("id") && message.get("id").getAsInt() == id) {
                return message;
            }
        }
    }

    private static JsonObject jsonRpc(String line) {
        try {
            JsonObject message = JsonParser.parseString(line).getAsJsonObject();
            assertEquals("2.0", message.get("jsonrpc").getAsString(), line);
            return message;
        } catch (JsonParseException | IllegalStateException e) {
            throw new AssertionError("stdout carried something that is not a JSON-RPC message: " + line, e);
        }
    }

    private void assertExitsWithin2Seconds(int expectedCode) throws InterruptedException {
        long started = System.nanoTime();
        assertTrue(server.waitFor(2, TimeUnit.SECONDS), "the server still runs 2 s later\nstderr:\n" + stderr);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(expectedCode, server.exitValue(), "stderr:\n" + stderr);
        System.err.println("the stdio server exited " + millis + " ms after being told to stop");
        // Whatever was left on stdout must still be JSON-RPC.
        for (String line; (line = stdout.poll(5, TimeUnit.SECONDS)) != null && !line.equals(END_OF_STREAM); ) {
            jsonRpc(line);
        }
        stderrReader.join(5000);
    }

    @AfterEach
    void kill() {
        if (server != null) {
            server.destroyForcibly();
        }
    }

    @Test
    void stdoutCarriesOnlyJsonRpcAndClosingStdinEndsTheProcess() throws Exception {
        start("http://127.0.0.1:1");
        send(JsonRpc.INITIALIZE, JsonRpc.INITIALIZED, JsonRpc.toolsList(2));
        assertEquals("fabric-mcp", responseTo(1).getAsJsonObject("result").getAsJsonObject("serverInfo")
                .get("name").getAsString());
        assertTrue(responseTo(2).getAsJsonObject("result").getAsJsonArray("tools").size() > 0);

        server.getOutputStream().close();

        assertExitsWithin2Seconds(0);
        assertTrue(stderr.toString().contains("serving MCP on stdio"), "the log goes to stderr:\n" + stderr);
    }

    /** Starts a run (request id 2) that Fabric never answers, and returns once Fabric has received it. */
    private void startARunFabricHolds(FabricEmulator fabric) throws Exception {
        start(fabric.uri().toString());
        send(JsonRpc.INITIALIZE, JsonRpc.INITIALIZED);
        responseTo(1);
        CompletableFuture<RecordedChat> chat = fabric.nextChat();
        send(JsonRpc.callTool(2, "fabric_run_pattern", JsonRpc.runPattern("summarize", "text")));
        chat.get(20, TimeUnit.SECONDS);
    }

    @Test
    void closingStdinDuringARunCancelsItAndEndsTheProcess() throws Exception {
        try (FabricEmulator fabric = FabricEmulator.builder().scriptAll(ChatScript.silence()).build().start()) {
            startARunFabricHolds(fabric);

            server.getOutputStream().close();

            assertExitsWithin2Seconds(0);
            assertTrue(stderr.toString().contains("Cancelling request 2"), "the run was not cancelled:\n" + stderr);
        }
    }

    @Test
    void sigtermDuringARunEndsTheProcess() throws Exception {
        try (FabricEmulator fabric = FabricEmulator.builder().scriptAll(ChatScript.silence()).build().start()) {
            startARunFabricHolds(fabric);

            // SIGTERM through the handle: Process.destroy() would also close our ends of the child's pipes.
            server.toHandle().destroy();

            assertExitsWithin2Seconds(143);
            assertTrue(stderr.toString().contains("Cancelling request 2"), "the run was not cancelled:\n" + stderr);
        }
    }
}
