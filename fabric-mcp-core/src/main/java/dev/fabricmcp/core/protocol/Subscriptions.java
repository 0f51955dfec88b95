package dev.fabricmcp.core.protocol;

import dev.fabricmcp.core.LogText;
import dev.fabricmcp.core.cancel.RunningCalls;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * {@code subscriptions/listen} (MCP 2026-07-28): a long-lived request whose own stream carries the change
 * notifications its client opted in to, on either transport, until the client cancels it (closes the stream on
 * HTTP, {@code notifications/cancelled} on stdio) or the server ends it (then with an empty result).
 *
 * <p>What fabric-mcp can honour follows Fabric's patterns, which change when the user adds or edits one (seen at the
 * next pattern refresh): the prompts list ({@code promptsListChanged}) and the resources whose content is derived
 * from it ({@code resourceSubscriptions} naming one of {@code updatableUris}). The tools and the list of resources
 * never change while the process runs, so {@code toolsListChanged} and {@code resourcesListChanged} are left out of
 * the acknowledgement, as the specification asks for what a server does not support.
 */
public final class Subscriptions {

    public static final String METHOD = "subscriptions/listen";
    static final String ACKNOWLEDGED = "notifications/subscriptions/acknowledged";
    static final String SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";
    static final String PROMPTS_LIST_CHANGED = "promptsListChanged";
    static final String RESOURCE_SUBSCRIPTIONS = "resourceSubscriptions";

    private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);

    private final RunningCalls runningCalls;
    private final Set<String> updatableUris;
    private final Runnable watch;
    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();

    /**
     * @param updatableUris the resources whose updates this server announces
     * @param watch         starts following what changes (the pattern library's background refresh), at once
     */
    public Subscriptions(RunningCalls runningCalls, Set<String> updatableUris, Runnable watch) {
        this.runningCalls = Objects.requireNonNull(runningCalls);
        this.updatableUris = Set.copyOf(updatableUris);
        this.watch = Objects.requireNonNull(watch);
    }

    /** What {@code server/discover} declares for these subscriptions, by capability. */
    Map<String, Object> capabilities() {
        Map<String, Object> capabilities = new LinkedHashMap<>();
        capabilities.put("prompts", Map.of("listChanged", true));
        if (!updatableUris.isEmpty()) {
            capabilities.put("resources", Map.of("subscribe", true));
        }
        return capabilities;
    }

    /** The prompts list changed: {@code notifications/prompts/list_changed} to every subscription that asked. */
    public void promptsChanged() {
        for (Listener listener : listeners) {
            if (listener.prompts()) {
                listener.send("notifications/prompts/list_changed", Map.of());
            }
        }
    }

    /** A resource's content changed: {@code notifications/resources/updated} to every subscription naming it. */
    public void resourceUpdated(String uri) {
        for (Listener listener : listeners) {
            if (listener.uris().contains(uri)) {
                listener.send("notifications/resources/updated", Map.of("uri", uri));
            }
        }
    }

    /** How many subscriptions are open now. */
    public int size() {
        return listeners.size();
    }

    /**
     * Serves one {@code subscriptions/listen}: acknowledges what it will honour, then relays changes until the
     * request is stopped through {@link RunningCalls} under {@code scope}.
     *
     * @return the empty result that ends it gracefully (server shutdown, end of stdin); empty when its client
     *     cancelled it
     */
    Mono<Map<String, Object>> listen(Inbound.Message request, String scope, Notifier notifier) {
        Object id = request.requestId();
        Listener listener = agreed(id, request.params(), notifier);
        Sinks.One<RunningCalls.Stop> stopped = Sinks.one();
        Map<String, Object> acknowledgement = new LinkedHashMap<>();
        acknowledgement.put("_meta", Map.of(SUBSCRIPTION_ID, id));
        acknowledgement.put("notifications", listener.filter());
        return Mono.defer(() -> {
            watch.run();
            RunningCalls.Registration registration = runningCalls.register(scope, id, stopped::tryEmitValue);
            // Nothing may reach the subscription before its acknowledgement: it is listed only once that is sent.
            return notifier.send(ACKNOWLEDGED, acknowledgement)
                    .then(Mono.fromRunnable(() -> listeners.add(listener)))
                    .then(stopped.asMono())
                    .doFinally(signal -> {
                        listeners.remove(listener);
                        registration.close();
                    });
        }).flatMap(stop -> stop.byClient() ? Mono.empty()
                : Mono.just(Map.<String, Object>of("_meta", Map.of(SUBSCRIPTION_ID, id))));
    }

    /** The part of the request's filter this server honours; a malformed filter is invalid params. */
    private Listener agreed(Object id, Map<String, Object> params, Notifier notifier) {
        if (!(params.get("notifications") instanceof Map<?, ?> filter)) {
            throw new ProtocolException(JsonRpc.INVALID_PARAMS, "Invalid params: " + METHOD + " needs a"
                    + " notifications object (e.g. {\"" + PROMPTS_LIST_CHANGED + "\": true})");
        }
        for (String flag : List.of("toolsListChanged", PROMPTS_LIST_CHANGED, "resourcesListChanged")) {
            Object value = filter.get(flag);
            if (value != null && !(value instanceof Boolean)) {
                throw new ProtocolException(JsonRpc.INVALID_PARAMS, "Invalid params: notifications." + flag
                        + " must be true or false");
            }
        }
        Object uris = filter.get(RESOURCE_SUBSCRIPTIONS);
        List<String> honoured = new ArrayList<>();
        if (uris != null) {
            if (!(uris instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
                throw new ProtocolException(JsonRpc.INVALID_PARAMS, "Invalid params: notifications."
                        + RESOURCE_SUBSCRIPTIONS + " must be an array of resource URIs");
            }
            list.stream().map(String.class::cast).filter(updatableUris::contains).distinct().forEach(honoured::add);
        }
        return new Listener(id, Boolean.TRUE.equals(filter.get(PROMPTS_LIST_CHANGED)), List.copyOf(honoured),
                notifier);
    }

    /** One open subscription: its id, what it agreed to receive, and its stream. */
    private record Listener(Object id, boolean prompts, List<String> uris, Notifier notifier) {

        Map<String, Object> filter() {
            Map<String, Object> filter = new LinkedHashMap<>();
            if (prompts) {
                filter.put(PROMPTS_LIST_CHANGED, true);
            }
            if (!uris.isEmpty()) {
                filter.put(RESOURCE_SUBSCRIPTIONS, uris);
            }
            return filter;
        }

        void send(String method, Map<String, Object> params) {
            Map<String, Object> tagged = new LinkedHashMap<>(params);
            tagged.put("_meta", Map.of(SUBSCRIPTION_ID, id));
            notifier.send(method, tagged).subscribe(null, failure -> LOG.debug(
                    "subscription {}: could not send {}: {}", LogText.of(id), method, failure.getMessage()));
        }
    }
}
