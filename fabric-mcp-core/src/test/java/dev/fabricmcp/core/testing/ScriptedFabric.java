package dev.fabricmcp.core.testing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.fabricmcp.client.ChatRequest;
import dev.fabricmcp.client.FabricClient;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For each test, a fabric-mcp server in memory ({@link #mcp()}) whose Fabric client answers every {@code /chat}
 * with the chunks the test pushes ({@link #chunks()}): the relay's behaviour chunk by chunk, demand included.
 */
public final class ScriptedFabric implements BeforeEachCallback, AfterEachCallback {

    private final Duration heartbeat;
    private FabricClient client;
    private ScriptedChunks chunks;
    private McpHarness mcp;

    public ScriptedFabric() {
        this(Duration.ofSeconds(10));
    }

    /** With this interval between "waiting for Fabric…" notifications. */
    public ScriptedFabric(Duration heartbeat) {
        this.heartbeat = heartbeat;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        chunks = new ScriptedChunks();
        client = mock(FabricClient.class);
        when(client.baseUri()).thenReturn(URI.create("http://127.0.0.1:8080"));
        when(client.chat(any(ChatRequest.class))).thenReturn(chunks);
        mcp = McpHarness.start(client, heartbeat);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        mcp.close();
    }

    /** The Fabric client the server calls: a mock, for what a test wants to stub or verify beyond chat. */
    public FabricClient client() {
        return client;
    }

    public ScriptedChunks chunks() {
        return chunks;
    }

    public McpHarness mcp() {
        return mcp;
    }
}
