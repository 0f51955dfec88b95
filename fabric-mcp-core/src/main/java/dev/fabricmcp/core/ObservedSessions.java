package dev.fabricmcp.core;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransport;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A Streamable HTTP transport provider that tells a {@link ServerObserver} when each legacy session opens and
 * closes. The MCP Java SDK 2.1.0 has no hook for either, and ends sessions in three places (DELETE, its idle
 * sweeper, shutdown), all through the session's own {@code closeGracefully}/{@code close}/{@code delete}: so each
 * session the SDK's factory makes is handed to the transport inside a {@link Counted} session that forwards every
 * call and reports the first of those.
 */
final class ObservedSessions implements McpStreamableServerTransportProvider {

    private final McpStreamableServerTransportProvider transport;
    private final ServerObserver observer;

    ObservedSessions(McpStreamableServerTransportProvider transport, ServerObserver observer) {
        this.transport = Objects.requireNonNull(transport);
        this.observer = Objects.requireNonNull(observer);
    }

    /** {@code transport} itself when nobody observes. */
    static McpStreamableServerTransportProvider of(McpStreamableServerTransportProvider transport,
                                                   ServerObserver observer) {
        return observer == ServerObserver.NONE ? transport : new ObservedSessions(transport, observer);
    }

    @Override
    public void setSessionFactory(McpStreamableServerSession.Factory factory) {
        transport.setSessionFactory(request -> {
            McpStreamableServerSession.McpStreamableServerSessionInit init = factory.startSession(request);
            observer.sessionOpened(ServerObserver.Era.LEGACY);
            return new McpStreamableServerSession.McpStreamableServerSessionInit(
                    new Counted(init.session(), observer), init.initResult());
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
    public void close() {
        transport.close();
    }

    @Override
    public Mono<Void> closeGracefully() {
        return transport.closeGracefully();
    }

    @Override
    public List<String> protocolVersions() {
        return transport.protocolVersions();
    }

    /** A session that forwards everything to the SDK's and reports its end once. */
    static final class Counted extends McpStreamableServerSession {
        private final McpStreamableServerSession session;
        private final ServerObserver observer;
        private final AtomicBoolean ended = new AtomicBoolean();

        Counted(McpStreamableServerSession session, ServerObserver observer) {
            // The superclass's own state stays unused: every public method is forwarded.
            super(session.getId(), null, null, Duration.ZERO, Map.of(), Map.of());
            this.session = session;
            this.observer = observer;
        }

        private void ended() {
            if (ended.compareAndSet(false, true)) {
                observer.sessionClosed(ServerObserver.Era.LEGACY);
            }
        }

        @Override
        public Mono<Void> delete() {
            return session.delete().doFinally(signal -> ended());
        }

        @Override
        public Mono<Void> closeGracefully() {
            return session.closeGracefully().doFinally(signal -> ended());
        }

        @Override
        public void close() {
            try {
                session.close();
            } finally {
                ended();
            }
        }

        @Override
        public String getId() {
            return session.getId();
        }

        @Override
        public void setMinLoggingLevel(McpSchema.LoggingLevel minLoggingLevel) {
            session.setMinLoggingLevel(minLoggingLevel);
        }

        @Override
        public boolean isNotificationForLevelAllowed(McpSchema.LoggingLevel loggingLevel) {
            return session.isNotificationForLevelAllowed(loggingLevel);
        }

        @Override
        public <T> Mono<T> sendRequest(String method, Object requestParams, TypeRef<T> typeRef) {
            return session.sendRequest(method, requestParams, typeRef);
        }

        @Override
        public Mono<Void> sendNotification(String method, Object params) {
            return session.sendNotification(method, params);
        }

        @Override
        public boolean hasListeningStream() {
            return session.hasListeningStream();
        }

        @Override
        public boolean hasOpenStream() {
            return session.hasOpenStream();
        }

        @Override
        public McpStreamableServerSessionStream listeningStream(McpStreamableServerTransport transport) {
            return session.listeningStream(transport);
        }

        @Override
        public void releaseListeningStream() {
            session.releaseListeningStream();
        }

        @Override
        public Flux<McpSchema.JSONRPCMessage> replay(Object lastEventId) {
            return session.replay(lastEventId);
        }

        @Override
        public McpStreamableServerSessionStream responseStream(McpStreamableServerTransport transport) {
            return session.responseStream(transport);
        }

        @Override
        public Mono<Void> responseStream(McpSchema.JSONRPCRequest jsonrpcRequest,
                                         McpStreamableServerTransport transport) {
            return session.responseStream(jsonrpcRequest, transport);
        }

        @Override
        public Mono<Void> accept(McpSchema.JSONRPCNotification notification) {
            return session.accept(notification);
        }

        @Override
        public Mono<Void> accept(McpSchema.JSONRPCResponse response) {
            return session.accept(response);
        }
    }
}
