package dev.fabricmcp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class NewHttpClientTest {

    @Test
    void aPlainHttpFabricGetsNoTlsSetUp() throws Exception {
        HttpClient client = FabricClient.newHttpClient(URI.create("http://127.0.0.1:8080"), Duration.ofSeconds(3));
        assertNotSame(SSLContext.getDefault(), client.sslContext());
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> client.sslContext().createSSLEngine());
        assertEquals("TLS is not set up: this client only connects to http:// addresses", refused.getMessage());
        assertEquals(HttpClient.Version.HTTP_1_1, client.version());
        assertEquals(HttpClient.Redirect.NEVER, client.followRedirects());
        assertEquals(Duration.ofSeconds(3), client.connectTimeout().orElseThrow());
    }

    @Test
    void anHttpsFabricGetsTheJdksDefaultTls() throws Exception {
        HttpClient client = FabricClient.newHttpClient(URI.create("https://fabric.example"), Duration.ofSeconds(3));
        assertSame(SSLContext.getDefault(), client.sslContext());
    }
}
