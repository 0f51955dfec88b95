package dev.fabricmcp.core.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FailedLoginsTest {

    private final AtomicLong now = new AtomicLong();
    private final FailedLogins logins = new FailedLogins(now::get);

    @Test
    void blocksAnAddressAfterTenFailuresUntilItsMinuteEnds() {
        for (int i = 0; i < 9; i++) {
            logins.failed("10.0.0.1");
        }
        assertEquals(Duration.ZERO, logins.blockedFor("10.0.0.1"));
        now.addAndGet(Duration.ofSeconds(20).toNanos());
        logins.failed("10.0.0.1");
        assertEquals(Duration.ofSeconds(40), logins.blockedFor("10.0.0.1"));
        assertEquals(Duration.ZERO, logins.blockedFor("10.0.0.2"), "other addresses are served");
        now.addAndGet(Duration.ofSeconds(40).toNanos());
        assertEquals(Duration.ZERO, logins.blockedFor("10.0.0.1"));
    }

    @Test
    void remembersABoundedNumberOfAddresses() {
        for (int i = 0; i < FailedLogins.MAX_ADDRESSES + 5; i++) {
            logins.failed("10.1." + (i / 250) + "." + (i % 250));
        }
        for (int i = 0; i < 10; i++) {
            logins.failed("10.9.9.9");
        }
        assertEquals(FailedLogins.WINDOW, logins.blockedFor("10.9.9.9"));
        assertTrue(logins.remembered() <= FailedLogins.MAX_ADDRESSES, "remembered " + logins.remembered());
    }
}
