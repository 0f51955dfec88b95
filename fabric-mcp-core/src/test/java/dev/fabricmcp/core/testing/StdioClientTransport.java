package dev.fabricmcp.core.testing;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The one stdio MCP client transport of the tests: newline-delimited JSON-RPC over a server's stdin and stdout
 * ({@link StdioLines}), as every stdio MCP client speaks it, whether the server is a child process or runs in
 * memory on a pair of pipes. Unlike the SDK's own stdio transport it leaves the server in the test's hands (to
 * close its stdin), and it checks stdout hygiene: every line the server writes must be a JSON-RPC message.
 */
public final class StdioClientTransport implements McpClientTransport {

    private final StdioLines lines;
    private final McpJsonMapper mapper;
    private final List<String> notJsonRpc = new CopyOnWriteArrayList<>();

    /** A transport over a server process's stdout (what it writes) and stdin (what it reads). */
    public StdioClientTransport(InputStream stdout, OutputStream stdin, McpJsonMapper mapper) {
        this.lines = new StdioLines(stdout, stdin);
        this.mapper = mapper;
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        lines.read("stdio-client-reader", line -> {
            McpSchema.JSONRPCMessage message;
            try {
                message = McpSchema.deserializeJsonRpcMessage(mapper, line);
            } catch (Exception e) {
                notJsonRpc.add(line);
                return;
            }
            // In order, on the reading thread, as the SDK's own stdio client does; replies go out through
            // sendMessage, called by the client session itself.
            handler.apply(Mono.just(message)).subscribe();
        }, () -> { });
        return Mono.empty();
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return Mono.fromRunnable(() -> {
            try {
                lines.send(mapper.writeValueAsString(message));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Closes the server's stdin, as a client that exits does. */
    public void closeStdin() {
        lines.closeStdin();
    }

    /** Lines the server wrote to stdout that were not JSON-RPC messages: there must be none. */
    public List<String> notJsonRpc() {
        return List.copyOf(notJsonRpc);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> {
            try {
                lines.closeStdin();
            } catch (UncheckedIOException e) {
                // already closed
            }
        });
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return mapper.convertValue(data, typeRef);
    }
}
