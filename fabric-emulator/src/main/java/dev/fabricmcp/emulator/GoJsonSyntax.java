package dev.fabricmcp.emulator;

/**
 * Checks the syntax of the first JSON value in a request body the way Go's {@code json.Decoder} does and
 * reports Go's error text, because gin's {@code BindJSON} puts that text into the 400 body
 * ({@code {"error":"invalid request format: invalid character 'x' looking for beginning of value"}}).
 *
 * <p>Like the decoder, only the first value is read: bytes after it are ignored. An empty (or all
 * whitespace) body gives {@code EOF}, a body that ends inside a value gives {@code unexpected EOF}.
 */
final class GoJsonSyntax {

    /** The outcome: {@code error} is Go's message or {@code null}; {@code end} is where the first value ends. */
    record Result(String error, int end) {
        boolean ok() {
            return error == null;
        }
    }

    /** Thrown internally to unwind with Go's message. */
    private static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxError(String message) {
            super(message, null, false, false);
        }
    }

    private static final int MAX_DEPTH = 10_000; // Go's decoder limit

    private final byte[] in;
    private int pos;

    private GoJsonSyntax(byte[] in) {
        this.in = in;
    }

    /** Checks {@code body}; never throws. */
    static Result check(byte[] body) {
        GoJsonSyntax scanner = new GoJsonSyntax(body);
        scanner.skipSpace();
        if (scanner.pos >= body.length) {
            return new Result("EOF", 0);
        }
        try {
            scanner.value();
            return new Result(null, scanner.pos);
        } catch (SyntaxError e) {
            return new Result(e.getMessage(), scanner.pos);
        }
    }

    /**
     * Scans one value without recursion (an explicit stack of open containers), so even a body of
     * thousands of {@code [} cannot overflow the thread's stack.
     */
    private void value() throws SyntaxError {
        StringBuilder open = new StringBuilder(); // '{' or '[' per open container
        while (true) {
            // A value is expected here.
            skipSpace();
            int c = next();
            boolean scalar = true;
            switch (c) {
                case '{' -> {
                    enter(open, '{');
                    skipSpace();
                    int k = next();
                    if (k == '}') {
                        open.setLength(open.length() - 1);
                    } else {
                        objectKey(k);
                        scalar = false;
                    }
                }
                case '[' -> {
                    enter(open, '[');
                    skipSpace();
                    if (peek() == ']') {
                        pos++;
                        open.setLength(open.length() - 1);
                    } else {
                        scalar = false;
                    }
                }
                case '"' -> string();
                case 't' -> literal("true");
                case 'f' -> literal("false");
                case 'n' -> literal("null");
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        number(c);
                    } else {
                        throw invalid(c, "looking for beginning of value");
                    }
                }
            }
            if (!scalar) {
                continue;
            }
            // After a complete value: close containers or move to the next element.
            while (true) {
                if (open.length() == 0) {
                    return;
                }
                skipSpace();
                int d = next();
                char top = open.charAt(open.length() - 1);
                if (top == '{') {
                    if (d == '}') {
                        open.setLength(open.length() - 1);
                        continue;
                    }
                    if (d != ',') {
                        throw invalid(d, "after object key:value pair");
                    }
                    skipSpace();
                    objectKey(next());
                    break;
                }
                if (d == ']') {
                    open.setLength(open.length() - 1);
                    continue;
                }
                if (d != ',') {
                    throw invalid(d, "after array element");
                }
                break;
            }
        }
    }

    /** An object key whose first byte {@code c} was read, and the colon after it. */
    private void objectKey(int c) throws SyntaxError {
        if (c != '"') {
            throw invalid(c, "looking for beginning of object key string");
        }
        string();
        skipSpace();
        int colon = next();
        if (colon != ':') {
            throw invalid(colon, "after object key");
        }
    }

    private void string() throws SyntaxError {
        while (true) {
            int c = next();
            if (c == '"') {
                return;
            }
            if (c == '\\') {
                int e = next();
                switch (e) {
                    case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                    }
                    case 'u' -> {
                        for (int i = 0; i < 4; i++) {
                            int h = next();
                            if (Character.digit(h, 16) < 0) {
                                throw invalid(h, "in \\u hexadecimal character escape");
                            }
                        }
                    }
                    default -> throw invalid(e, "in string escape code");
                }
            } else if (c < 0x20) {
                throw invalid(c, "in string literal");
            }
        }
    }

    private void number(int first) throws SyntaxError {
        int c = first;
        if (c == '-') {
            c = next();
            if (c < '0' || c > '9') {
                throw invalid(c, "in numeric literal");
            }
        }
        if (c != '0') {
            digits();
        }
        if (peek() == '.') {
            pos++;
            int d = next();
            if (d < '0' || d > '9') {
                throw invalid(d, "after decimal point in numeric literal");
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            int d = next();
            if (d == '+' || d == '-') {
                d = next();
            }
            if (d < '0' || d > '9') {
                throw invalid(d, "in exponent of numeric literal");
            }
            digits();
        }
    }

    private void digits() {
        while (peek() >= '0' && peek() <= '9') {
            pos++;
        }
    }

    private void literal(String word) throws SyntaxError {
        for (int i = 1; i < word.length(); i++) {
            int c = next();
            if (c != word.charAt(i)) {
                throw invalid(c, "in literal " + word + " (expecting " + quoteChar(word.charAt(i)) + ")");
            }
        }
    }

    private static void enter(StringBuilder open, char container) throws SyntaxError {
        open.append(container);
        if (open.length() > MAX_DEPTH) {
            throw new SyntaxError("exceeded max depth");
        }
    }

    /** Next byte; at the end of input Go's decoder reports {@code unexpected EOF}. */
    private int next() throws SyntaxError {
        if (pos >= in.length) {
            throw new SyntaxError("unexpected EOF");
        }
        return in[pos++] & 0xff;
    }

    private int peek() {
        return pos < in.length ? in[pos] & 0xff : -1;
    }

    private void skipSpace() {
        while (pos < in.length && (in[pos] == ' ' || in[pos] == '\t' || in[pos] == '\r' || in[pos] == '\n')) {
            pos++;
        }
    }

    private static SyntaxError invalid(int c, String context) {
        return new SyntaxError("invalid character " + quoteChar(c) + " " + context);
    }

    /** Go's {@code quoteChar}: the byte as a rune, quoted with {@code strconv.Quote} rules in single quotes. */
    static String quoteChar(int c) {
        if (c == '\'') {
            return "'\\''";
        }
        if (c == '"') {
            return "'\"'";
        }
        String body = switch (c) {
            case 0x07 -> "\\a";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case 0x0b -> "\\v";
            case '\\' -> "\\\\";
            default -> {
                if (c < 0x20 || c == 0x7f) {
                    yield String.format("\\x%02x", c);
                } else if (c >= 0x80 && c < 0xa0) {
                    yield String.format("\\u%04x", c);
                } else if (c == 0xad) {
                    yield "\\u00ad"; // soft hyphen is not printable for strconv
                } else {
                    yield String.valueOf((char) c);
                }
            }
        };
        return "'" + body + "'";
    }
}
