package dev.fabricmcp.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Writes the {@code /chat} body: each event as {@code data: <json>\n\n}, flushed at once (one HTTP chunk per
 * event), recorded with its write time. A failed write means the client has gone away (or the emulator is
 * closing): it is recorded and processing is unwound with {@link StreamAborted}.
 */
record EventStream(OutputStream out, RecordedChat chat, EmulatorState state) {

    void send(StreamEvent event) throws StreamAborted {
        write(event.type(), event.toWire());
    }

    void sendRaw(String text) throws StreamAborted {
        write("raw", text);
    }

    private void write(String type, String wire) throws StreamAborted {
        if (state.stopping()) {
            throw new StreamAborted(ChatOutcome.STOPPED);
        }
        try {
            out.write(wire.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            if (state.stopping()) {
                throw new StreamAborted(ChatOutcome.STOPPED);
            }
            chat.clientWentAway(Instant.now());
            throw new StreamAborted(ChatOutcome.CLIENT_GONE);
        }
        long nanos = System.nanoTime();
        chat.eventWritten(new RecordedEvent(chat.nextEventIndex(), type, wire, Instant.now(), nanos));
    }
}
