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
 * The client end of a stdio connection held in memory: newline-delimited JSON-RPC over a pair of pipes, exactly
 * what the SDK's stdio server transport reads and writes. It remembers the ids of the {@code tools/call} requests
 * it sent, and can send raw messages the SDK client has no API for ({@code notifications/cancelled}).
 */
public final class InMemoryClientTransport implements McpClientTransport {

    private final McpJsonMapper mapper;
    private final InputStream fromServer;
    private final OutputStream toServer;
    private final List<Object> toolCallIds = new CopyOnWriteArrayList<>();

    public InMemoryClientTransport(McpJsonMapper mapper, InputStream fromServer, OutputStream toServer) {
        this.mapper = mapper;
        this.fromServer = fromServer;
        this.toServer = toServer;
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    McpSchema.JSONRPCMessage message = McpSchema.deserializeJsonRpcMessage(mapper, line);
                    // In order, on this thread, as the SDK's own stdio client does; replies go out through
                    // sendMessage, called by the client session itself.
                    handler.apply(Mono.just(message)).subscribe();
                }
            } catch (IOException e) {
                // the server side closed: the test is over
            }
        }, "in-memory-client-reader");
        reader.setDaemon(true);
        reader.start();
        return Mono.empty();
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return Mono.fromRunnable(() -> {
            if (message instanceof McpSchema.JSONRPCRequest request && "tools/call".equals(request.method())) {
                toolCallIds.add(request.id());
            }
            writeLine(write(message));
        });
    }

    /** Sends {@code notifications/cancelled} for a request, as a client that gives up on a call does. */
    public void cancel(Object requestId) {
        String id = requestId instanceof String text ? "\"" + text + "\"" : String.valueOf(requestId);
        writeLine("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":" + id
                + ",\"reason\":\"the user pressed stop\"}}");
    }

    /** Closes the client's end, as a client process that exits closes the server's stdin. */
    public void closeConnection() {
        try {
            toServer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Object> toolCallIds() {
        return toolCallIds;
    }

    private String write(McpSchema.JSONRPCMessage message) {
        try {
            return mapper.writeValueAsString(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void writeLine(String json) {
        try {
            toServer.write((json + "\n").getBytes(StandardCharsets.UTF_8));
            toServer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(this::closeConnection);
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return mapper.convertValue(data, typeRef);
    }
}
