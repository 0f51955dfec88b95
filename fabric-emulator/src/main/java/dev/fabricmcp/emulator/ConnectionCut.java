package dev.fabricmcp.emulator;

import java.io.IOException;

/**
 * Thrown out of the HTTP handler to make {@code com.sun.net.httpserver} close the socket at once, without
 * ending the chunked body: the server closes the connection of any exchange whose handler throws an
 * {@link IOException}, and only a normal close writes the terminating zero-length chunk.
 */
final class ConnectionCut extends IOException {

    private static final long serialVersionUID = 1L;

    ConnectionCut(String why) {
        super(why);
    }
}
