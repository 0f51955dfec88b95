package dev.fabricmcp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fabricmcp.emulator.Answer;
import dev.fabricmcp.emulator.FabricEmulator;
import dev.fabricmcp.emulator.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Fabric emulator for a test class, started before its tests, its canned answers and records forgotten before
 * each one, stopped after the last; and the fixtures the client tests share.
 */
final class EmulatedFabric implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    /** Retries as the real policy does, but without the real pauses, so retry tests stay fast. */
    static final RetryPolicy FAST_RETRIES = new RetryPolicy(3, Duration.ofMillis(2));

    /** Fabric's 500 for a missing pattern: a bare JSON string, not an object. */
    static final String PATTERN_NOT_FOUND = "pattern 'x' not found. Run 'fabric -l' to see available patterns";

    static final String COMPLETE = "{\"type\":\"complete\",\"format\":\"plain\"}";

    private final FabricEmulator emulator = FabricEmulator.builder().build();
    private boolean started;

    FabricEmulator emulator() {
        return emulator;
    }

    /** A client of the emulator, retrying without pauses. */
    FabricClient newClient() {
        return clientOf(emulator).build();
    }

    static FabricClient.Builder clientOf(FabricEmulator fabric) {
        return clientOf(fabric.uri());
    }

    /** A client of a Fabric at {@code baseUri}, retrying without pauses. */
    static FabricClient.Builder clientOf(URI baseUri) {
        return FabricClient.builder().baseUri(baseUri).retryPolicy(FAST_RETRIES);
    }

    /** Every request {@code fabric} received for {@code method} {@code rawPath}, in order. */
    static List<RecordedRequest> requests(FabricEmulator fabric, String method, String rawPath) {
        return fabric.requests().stream()
                .filter(r -> r.method().equals(method) && r.rawPath().equals(rawPath))
                .toList();
    }

    /** The one request {@code fabric} received for {@code method} {@code rawPath}. */
    static RecordedRequest only(FabricEmulator fabric, String method, String rawPath) {
        List<RecordedRequest> requests = requests(fabric, method, rawPath);
        assertEquals(1, requests.size(), () -> method + " " + rawPath + ": " + fabric.requests());
        return requests.get(0);
    }

    static Answer json(int status, String json) {
        return Answer.json(status, json);
    }

    static Answer json(String json) {
        return Answer.json(json);
    }

    static Answer stream(String... jsonEvents) {
        return Answer.stream(jsonEvents);
    }

    static String content(String text) {
        return "{\"type\":\"content\",\"format\":\"markdown\",\"content\":\"" + text + "\"}";
    }

    /** A port nothing listens on: bound once to learn a free number, then released. */
    static int refusedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!started) {
            emulator.start();
            started = true;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        emulator.clearAnswers();
        emulator.clearRecords();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // @Nested classes inherit the extension and end before their outer class: only the outer one stops it.
        if (context.getTestClass().map(type -> type.getEnclosingClass() == null).orElse(true)) {
            emulator.close();
        }
    }
}
