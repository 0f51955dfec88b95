package dev.fabricmcp.client;

import java.net.URI;
import java.time.Duration;

/**
 * Fabric accepted the connection but did not send its whole answer in time: the deadline covers the headers and the
 * body alike ({@link FabricClient.Builder#requestTimeout}).
 */
public final class FabricTimeoutException extends FabricException {

    private static final long serialVersionUID = 1L;

    private final Duration limit;

    /** Creates the failure; the client does, and so may tests of code that handles it. */
    public FabricTimeoutException(URI uri, Duration limit) {
        super(uri, "Fabric at " + uri + " did not send its whole answer within " + Durations.describe(limit), null);
        this.limit = limit;
    }

    /** The deadline that passed. */
    public Duration limit() {
        return limit;
    }
}
