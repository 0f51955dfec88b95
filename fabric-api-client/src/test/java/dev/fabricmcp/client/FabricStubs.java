package dev.fabricmcp.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

/** Fabric's answers as WireMock stubs, and clients pointed at them: the fixtures the client tests share. */
final class FabricStubs {

    /** Retries as the real policy does, but without the real pauses, so retry tests stay fast. */
    static final RetryPolicy FAST_RETRIES = new RetryPolicy(3, Duration.ofMillis(2));

    /** Fabric's 500 for a missing pattern: a bare JSON string, not an object. */
    static final String PATTERN_NOT_FOUND = "pattern 'x' not found. Run 'fabric -l' to see available patterns";

    private FabricStubs() {
    }

    static WireMockServer newWireMock() {
        return new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    }

    static URI baseUri(WireMockServer wireMock) {
        return URI.create("http://127.0.0.1:" + wireMock.port());
    }

    /** A client of the stub, retrying without pauses. */
    static FabricClient.Builder clientOf(WireMockServer wireMock) {
        return FabricClient.builder().baseUri(baseUri(wireMock)).retryPolicy(FAST_RETRIES);
    }

    /** Fabric's {@code c.JSON(status, v)}: compact JSON, no trailing newline. */
    static ResponseDefinitionBuilder json(int status, String json) {
        return aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(json);
    }

    static ResponseDefinitionBuilder json(String json) {
        return json(200, json);
    }

    /** A whole {@code /chat} answer: Fabric's headers and each event framed as {@code data: <json>\n\n}. */
    static ResponseDefinitionBuilder stream(String... jsonEvents) {
        return aResponse().withStatus(200)
                .withHeader("Content-Type", "text/readystream")
                .withHeader("Cache-Control", "no-cache")
                .withHeader("Access-Control-Allow-Origin", "http://localhost:5173")
                .withBody(events(jsonEvents));
    }

    static String events(String... jsonEvents) {
        StringBuilder body = new StringBuilder();
        for (String json : jsonEvents) {
            body.append("data: ").append(json).append("\n\n");
        }
        return body.toString();
    }

    static String content(String text) {
        return "{\"type\":\"content\",\"format\":\"markdown\",\"content\":\"" + text + "\"}";
    }

    static final String COMPLETE = "{\"type\":\"complete\",\"format\":\"plain\"}";

    /** A port nothing listens on: bound once to learn a free number, then released. */
    static int refusedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
