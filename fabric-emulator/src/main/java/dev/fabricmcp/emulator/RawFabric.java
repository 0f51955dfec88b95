package dev.fabricmcp.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fabric misbehaving below HTTP, for client tests: a one-route HTTP/1.1 server on a plain {@link ServerSocket} whose
 * script writes the bytes itself: the body one piece at a time on the test's cue, a malformed chunk, garbage, a
 * connection cut mid-body or reset, a stall; and that sees the client close its end. {@link FabricEmulator} answers
 * as Fabric does; this answers as a broken network or a broken Fabric could. Each accepted connection has its
 * request read, then is handed to the script on its own thread.
 */
public final class RawFabric implements AutoCloseable {

    /** How long a script waits for a cue or for the client at most, so a broken test cannot hang the server. */
    public static final Duration WAIT = Duration.ofSeconds(10);

    /** What the server does with one connection once the request has been read. */
    @FunctionalInterface
    public interface Script {
        void run(Connection connection) throws Exception;
    }

    private final ServerSocket serverSocket;
    private final Script script;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final CompletableFuture<String> firstRequest = new CompletableFuture<>();
    private final CompletableFuture<Void> scriptDone = new CompletableFuture<>();
    private volatile boolean closed;

    private RawFabric(Script script) throws IOException {
        this.script = script;
        this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "raw-http-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static RawFabric start(Script script) throws IOException {
        return new RawFabric(script);
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + serverSocket.getLocalPort());
    }

    /** How many connections were accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** The head and body of the first request, once it has been read. */
    public CompletableFuture<String> firstRequest() {
        return firstRequest;
    }

    /** Completes when the script of the first connection returns, exceptionally if it threw. */
    public CompletableFuture<Void> scriptDone() {
        return scriptDone;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        serverSocket.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return; // closed
            }
            sockets.add(socket);
            boolean first = connections.incrementAndGet() == 1;
            Thread handler = new Thread(() -> handle(socket, first), "raw-http-connection");
            handler.setDaemon(true);
            handler.start();
        }
    }

    private void handle(Socket socket, boolean first) {
        try (socket) {
            Connection connection = new Connection(socket);
            if (first) {
                firstRequest.complete(connection.request);
            }
            script.run(connection);
            if (first) {
                scriptDone.complete(null);
            }
        } catch (Exception | AssertionError e) {
            if (first) {
                firstRequest.completeExceptionally(e);
                scriptDone.completeExceptionally(e);
            }
        }
    }

    /** One accepted connection whose request has been read. */
    public static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        /** The request head and body, as read. */
        public final String request;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
            this.request = readRequest();
        }

        /** Fabric's /chat headers: 200, {@code text/readystream}, chunked. */
        public Connection sendStreamHeaders() throws IOException {
            write("HTTP/1.1 200 OK\r\n"
                    + "Content-Type: text/readystream\r\n"
                    + "Cache-Control: no-cache\r\n"
                    + "Connection: keep-alive\r\n"
                    + "Transfer-Encoding: chunked\r\n"
                    + "\r\n");
            return this;
        }

        /** One HTTP chunk holding Fabric's framing of each given event: {@code data: <json>\n\n}. */
        public Connection sendEvents(String... jsonEvents) throws IOException {
            StringBuilder text = new StringBuilder();
            for (String json : jsonEvents) {
                text.append("data: ").append(json).append("\n\n");
            }
            return sendChunk(text.toString());
        }

        public Connection sendChunk(String text) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream chunk = new ByteArrayOutputStream(bytes.length + 16);
            chunk.writeBytes((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunk.writeBytes(bytes);
            chunk.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(chunk.toByteArray());
            out.flush();
            return this;
        }

        /** The zero-length chunk that ends a chunked body. */
        public Connection endBody() throws IOException {
            write("0\r\n\r\n");
            return this;
        }

        /**
         * Blocks reading from the connection until the client closes it (the read returns -1 or throws); returns
         * false when the client kept it open for {@code limit}.
         */
        public boolean awaitClientClose(Duration limit) throws IOException {
            socket.setSoTimeout((int) limit.toMillis());
            try {
                while (in.read() >= 0) {
                    // the client has nothing more to send on this exchange; drain until it closes
                }
                return true;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true; // reset by the client
            }
        }

        /** Closes the connection with a TCP reset instead of an orderly close. */
        public void reset() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }

        public void close() throws IOException {
            socket.close();
        }

        /** Writes {@code text} as is, whatever HTTP makes of it. */
        public Connection sendRaw(String text) throws IOException {
            write(text);
            return this;
        }

        private void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        private String readRequest() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < end.length) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("the client closed before sending a whole request");
                }
                head.write(b);
                matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
            }
            String headText = head.toString(StandardCharsets.ISO_8859_1);
            int length = 0;
            for (String line : headText.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring("content-length:".length()).strip());
                }
            }
            byte[] body = in.readNBytes(length);
            return headText + new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Waits on a future from a script thread, bounded so a broken test cannot leave the server blocked. */
    public static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
