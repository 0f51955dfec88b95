package dev.fabricmcp.core.cancel;

import dev.fabricmcp.core.features.DirectRequests;
import dev.fabricmcp.core.streaming.WriteWindow;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;

/**
 * Adds what the MCP Java SDK 2.1.0 lacks to a single-session transport such as stdio: a call learns its own
 * JSON-RPC request id (through its transport context), {@code notifications/cancelled} stops the call it names,
 * and the end of the session (stdin closed) stops every call still running. The requests {@link DirectRequests}
 * handles are answered there, not by the SDK.
 *
 * <p>It decorates the SDK's {@link McpServerSession}: every public method is forwarded to the session the SDK
 * built, and {@link McpServerSession#handle} is looked at first.
 */
public final class CancellableSessions {

    private CancellableSessions() {
    }

    /**
     * The same transport, with sessions that honour cancellation.
     *
     * @param onSessionEnd run once the session's transport has closed (stdin ended, or the server stops), after
     *                     the session's running calls were cancelled
     * @param window       the permits every message needs before it is handed to the transport
     * @param direct       the requests answered in front of the SDK
     */
    public static McpServerTransportProvider wrap(McpServerTransportProvider transport, RunningCalls calls,
                                                  Runnable onSessionEnd, WriteWindow window, DirectRequests direct) {
        return new McpServerTransportProvider() {
            @Override
            public void setSessionFactory(McpServerSession.Factory factory) {
                transport.setSessionFactory(sessionTransport -> {
                    SessionTransport held = new SessionTransport(sessionTransport, onSessionEnd, window);
                    return new CancellableSession(factory.create(held), held, calls, direct);
                });
            }

            @Override
            public Mono<Void> notifyClients(String method, Object params) {
                return transport.notifyClients(method, params);
            }

            @Override
            public Mono<Void> notifyClient(String sessionId, String method, Object params) {
                return transport.notifyClient(sessionId, method, params);
            }

            @Override
            public Mono<Void> closeGracefully() {
                return transport.closeGracefully();
            }

            @Override
            public void close() {
                transport.close();
            }

            @Override
            public java.util.List<String> protocolVersions() {
                return transport.protocolVersions();
            }
        };
    }

    /**
     * The session's transport, with sends held to the write window (so a slow reader slows the senders), sends
     * serialised — the SDK's stdio transport emits into a Reactor sink that refuses concurrent emitters, and
     * concurrent tool calls send notifications from different threads — and its closing reported.
     */
    private static final class SessionTransport implements McpServerTransport {
        private final McpServerTransport delegate;
        private final Runnable onClose;
        private final WriteWindow window;
        private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

        SessionTransport(McpServerTransport delegate, Runnable onClose, WriteWindow window) {
            this.delegate = delegate;
            this.onClose = onClose;
            this.window = window;
        }

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return window.acquire().then(Mono.defer(() -> {
                CompletableFuture<Void> sent;
                synchronized (this) {
                    // The SDK's send emits while being subscribed: subscribing under the lock is enough.
                    sent = delegate.sendMessage(message).toFuture();
                }
                return Mono.fromFuture(sent);
            }));
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            return delegate.unmarshalFrom(data, typeRef);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return delegate.closeGracefully().doFinally(signal -> closed());
        }

        @Override
        public void close() {
            try {
                delegate.close();
            } finally {
                closed();
            }
        }

        @Override
        public java.util.List<String> protocolVersions() {
            return delegate.protocolVersions();
        }

        private void closed() {
            if (closed.compareAndSet(false, true)) {
                onClose.run();
            }
        }
    }

    private static final class CancellableSession extends McpServerSession {
        private final McpServerSession delegate;
        private final McpServerTransport transport;
        private final RunningCalls calls;
        private final DirectRequests direct;

        CancellableSession(McpServerSession delegate, McpServerTransport transport, RunningCalls calls,
                           DirectRequests direct) {
            // The superclass state is never used: every public method goes to the delegate.
            super(delegate.getId(), Duration.ZERO, transport, null, Map.of(), Map.of());
            this.delegate = delegate;
            this.transport = transport;
            this.calls = calls;
            this.direct = direct;
        }

        @Override
        public Mono<Void> handle(McpSchema.JSONRPCMessage message) {
            if (message instanceof McpSchema.JSONRPCNotification notification
                    && Cancellation.METHOD.equals(notification.method())) {
                Cancellation.of(notification.params())
                        .ifPresent(c -> calls.cancel(delegate.getId(), c.requestId(), c.reason()));
                return Mono.empty();
            }
            if (direct.handles(message)) {
                return direct.answer((McpSchema.JSONRPCRequest) message).flatMap(transport::sendMessage);
            }
            if (message instanceof McpSchema.JSONRPCRequest request && request.id() != null) {
                McpTransportContext context = McpTransportContext.create(
                        Map.of(RunningCalls.REQUEST_ID_KEY, request.id()));
                return delegate.handle(message).contextWrite(ctx -> ctx.put(McpTransportContext.KEY, context));
            }
            return delegate.handle(message);
        }

        @Override
        public String getId() {
            return delegate.getId();
        }

        @Override
        public void init(McpSchema.ClientCapabilities capabilities, McpSchema.Implementation clientInfo) {
            delegate.init(capabilities, clientInfo);
        }

        @Override
        public void setMinLoggingLevel(McpSchema.LoggingLevel level) {
            delegate.setMinLoggingLevel(level);
        }

        @Override
        public boolean isNotificationForLevelAllowed(McpSchema.LoggingLevel level) {
            return delegate.isNotificationForLevelAllowed(level);
        }

        @Override
        public <T> Mono<T> sendRequest(String method, Object params, TypeRef<T> typeRef) {
            return delegate.sendRequest(method, params, typeRef);
        }

        @Override
        public Mono<Void> sendNotification(String method, Object params) {
            return delegate.sendNotification(method, params);
        }

        @Override
        public Mono<Void> closeGracefully() {
            calls.cancelSession(delegate.getId(), "the session is closing");
            return delegate.closeGracefully();
        }

        @Override
        public void close() {
            calls.cancelSession(delegate.getId(), "the client closed the connection");
            delegate.close();
        }
    }
}
