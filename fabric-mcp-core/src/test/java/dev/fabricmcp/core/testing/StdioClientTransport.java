package dev.fabricmcp.core.testing;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The one stdio MCP client transport of the tests: newline-delimited JSON-RPC over a server's stdin and stdout,
 * as every stdio MCP client speaks it, whether the server is a child process or runs in memory on a pair of pipes.
 * Unlike the SDK's own stdio transport it leaves the server in the test's hands (to close its stdin), and it
 * checks stdout hygiene: every line the server writes must be a JSON-RPC message.
 */
public final class StdioClientTransport implements McpClientTransport {

    private final InputStream stdout;
    private final OutputStream stdin;
    private final McpJsonMapper mapper;
    private final List<String> notJsonRpc = new CopyOnWriteArrayList<>();

    /** A transport over a server process's stdout (what it writes) and stdin (what it reads). */
    public StdioClientTransport(InputStream stdout, OutputStream stdin, McpJsonMapper mapper) {
        this.stdout = stdout;
        this.stdin = stdin;
        this.mapper = mapper;
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(stdout, StandardCharsets.UTF_8), 1 << 16)) {
                String line;
                while ((line = lines.readLine()) != null) {
                    McpSchema.JSONRPCMessage message;
                    try {
                        message = McpSchema.deserializeJsonRpcMessage(mapper, line);
                    } catch (Exception e) {
                        notJsonRpc.add(line);
                        continue;
                    }
                    // In order, on this thread, as the SDK's own stdio client does; replies go out through
                    // sendMessage, called by the client session itself.
                    handler.apply(Mono.just(message)).subscribe();
                }
            } catch (IOException e) {
                // the server's stdout closed
            }
        }, "stdio-client-reader");
        reader.setDaemon(true);
        reader.start();
        return Mono.empty();
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return Mono.fromRunnable(() -> {
            try {
                writeLine(mapper.writeValueAsString(message));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Closes the server's stdin, as a client that exits does. */
    public void closeStdin() {
        try {
            stdin.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines the server wrote to stdout that were not JSON-RPC messages: there must be none. */
    public List<String> notJsonRpc() {
        return List.copyOf(notJsonRpc);
    }

    private synchronized void writeLine(String json) {
        try {
            stdin.write((json + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> {
            try {
                stdin.close();
            } catch (IOException e) {
                // already closed
            }
        });
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return mapper.convertValue(data, typeRef);
    }
}
