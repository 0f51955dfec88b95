package dev.fabricmcp.client.sse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An incremental parser of the server-sent events format, following the WHATWG "event stream interpretation"
 * rules: lines end with {@code \n}, {@code \r\n} or {@code \r}; a leading byte-order mark is skipped; a single
 * space after the colon is dropped; {@code data} lines are joined with {@code \n}; comment, {@code retry} and
 * unknown fields are read and ignored; a blank line dispatches the event.
 *
 * <p>Bytes may arrive split anywhere, even inside a {@code \r\n} pair or a UTF-8 sequence: the parser keeps the
 * partial line and decodes only whole lines. It is not thread-safe; feed it from one thread at a time.
 *
 * <p>It never holds more than {@code maxEventBytes} of one event, so a stream that never ends its event cannot
 * exhaust memory: {@link #feed} throws {@link SseFormatException} instead.
 */
public final class SseParser {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Consumer<SseEvent> listener;
    private final int maxEventBytes;

    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String eventType = "";
    private String lastEventId = "";
    private int eventBytes;
    private int bomBytesSeen;
    private boolean bomDecided;
    private boolean afterCr;

    /**
     * @param listener      receives each event as soon as its blank line arrives
     * @param maxEventBytes the largest event, in bytes of its lines, the parser accepts
     */
    public SseParser(Consumer<SseEvent> listener, int maxEventBytes) {
        this.listener = Objects.requireNonNull(listener, "listener");
        if (maxEventBytes <= 0) {
            throw new IllegalArgumentException("maxEventBytes must be positive");
        }
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * Reads the buffer's remaining bytes, dispatching each event it completes.
     *
     * @throws SseFormatException when an event grows beyond {@code maxEventBytes}
     */
    public void feed(ByteBuffer bytes) {
        while (bytes.hasRemaining()) {
            byte b = bytes.get();
            if (!bomDecided && skipsBomByte(b)) {
                continue;
            }
            if (afterCr) {
                afterCr = false;
                if (b == LF) {
                    continue; // the second half of a \r\n already handled at the \r
                }
            }
            if (b == CR) {
                afterCr = true;
                endLine();
            } else if (b == LF) {
                endLine();
            } else {
                if (++eventBytes > maxEventBytes) {
                    throw new SseFormatException("an event is longer than " + maxEventBytes + " bytes");
                }
                line.write(b);
            }
        }
    }

    /**
     * Whether bytes of an event that has not been dispatched yet are held: at the end of a stream this means the
     * last event was cut off.
     */
    public boolean hasPartialEvent() {
        return line.size() > 0 || hasData || !eventType.isEmpty();
    }

    /** Skips the UTF-8 byte-order mark at the very start of the stream; returns whether {@code b} was part of it. */
    private boolean skipsBomByte(byte b) {
        if (b == BOM[bomBytesSeen]) {
            bomBytesSeen++;
            if (bomBytesSeen == BOM.length) {
                bomDecided = true;
            }
            return true;
        }
        bomDecided = true;
        if (bomBytesSeen > 0) {
            // A prefix of a BOM that turned out not to be one belongs to the first line.
            line.write(BOM, 0, bomBytesSeen);
            eventBytes += bomBytesSeen;
        }
        return false;
    }

    private void endLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        if (text.charAt(0) == ':') {
            return; // a comment
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = "";
        if (colon >= 0) {
            int start = colon + 1;
            if (start < text.length() && text.charAt(start) == ' ') {
                start++;
            }
            value = text.substring(start);
        }
        switch (field) {
            case "data" -> {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
            }
            case "event" -> eventType = value;
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastEventId = value;
                }
            }
            default -> {
                // "retry" and unknown fields carry nothing this client uses.
            }
        }
    }

    private void dispatch() {
        eventBytes = 0;
        if (!hasData) {
            eventType = "";
            return;
        }
        SseEvent event = new SseEvent(eventType.isEmpty() ? "message" : eventType, data.toString(), lastEventId);
        data.setLength(0);
        hasData = false;
        eventType = "";
        listener.accept(event);
    }
}
