package dev.fabricmcp.cli;

import dev.fabricmcp.client.FabricAuthenticationException;
import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.client.FabricException;
import dev.fabricmcp.client.FabricUnreachableException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Whether fabric-mcp can serve runs now: Fabric answers with the configured key. The answer is kept for
 * {@link #CACHED_FOR}, so however often an orchestrator probes, Fabric sees at most one request per interval, and
 * concurrent probes wait for the one check in progress.
 */
final class Readiness {

    static final Duration CACHED_FOR = Duration.ofSeconds(5);

    private final FabricClient fabric;
    private final LongSupplier nanoClock;
    private Optional<String> problem = Optional.empty();
    private long checkedAt;
    private boolean checked;

    Readiness(FabricClient fabric, LongSupplier nanoClock) {
        this.fabric = fabric;
        this.nanoClock = nanoClock;
    }

    /** Empty when ready, else why not, in words that name no secret and no URL. */
    synchronized Optional<String> problem() {
        long now = nanoClock.getAsLong();
        if (!checked || now - checkedAt >= CACHED_FOR.toNanos()) {
            problem = check();
            checkedAt = now;
            checked = true;
        }
        return problem;
    }

    private Optional<String> check() {
        try {
            fabric.listPatternNames();
            return Optional.empty();
        } catch (FabricAuthenticationException e) {
            return Optional.of("Fabric refuses the API key (" + e.reason().name().toLowerCase(java.util.Locale.ROOT)
                    + ")");
        } catch (FabricUnreachableException e) {
            return Optional.of("Fabric is not reachable");
        } catch (FabricException e) {
            return Optional.of("Fabric does not answer as Fabric does");
        }
    }
}
