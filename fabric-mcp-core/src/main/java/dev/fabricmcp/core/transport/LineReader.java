package dev.fabricmcp.core.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads newline-delimited lines of bytes with a cap on their length, and decodes each as strict UTF-8: a line that
 * is too long or not UTF-8 is reported as such, and reading goes on with the next line.
 */
final class LineReader {

    /** What one line turned out to be. */
    sealed interface Line {
    }

    record Text(String text) implements Line {
    }

    /** A line that is not valid UTF-8. */
    record NotUtf8() implements Line {
    }

    /** A line longer than the cap; its bytes were skipped. */
    record TooLong(int maxBytes) implements Line {
    }

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;

    LineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line without its line ending, or null at the end of input. */
    Line next() throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        boolean tooLong = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    // A last line without a newline still counts.
                    return line.size() == 0 && !tooLong ? null : finish(line, tooLong);
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            if (!tooLong) {
                line.write(buffer, start, position - start);
                if (line.size() > maxBytes) {
                    tooLong = true;
                    line.reset();
                }
            }
            if (position < limit) {
                position++; // the newline
                return finish(line, tooLong);
            }
        }
    }

    private Line finish(java.io.ByteArrayOutputStream line, boolean tooLong) {
        if (tooLong) {
            return new TooLong(maxBytes);
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        try {
            return new Text(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length)).toString());
        } catch (CharacterCodingException e) {
            return new NotUtf8();
        }
    }
}
