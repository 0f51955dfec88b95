package dev.fabricmcp.cli;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The Fabric client's {@link HttpClient}, timing each request to its response headers for {@link Metrics}. Names in
 * paths ({@code /patterns/summarize}) become their route ({@code /patterns/{name}}) so the metric has few labels.
 */
final class TimedHttpClient extends HttpClient {

    private static final Pattern NAMED = Pattern.compile("^/(patterns|contexts|sessions)/(?!names$)[^/]+");

    private final HttpClient delegate;
    private final Metrics metrics;

    TimedHttpClient(HttpClient delegate, Metrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    /** The route of a Fabric URL path, e.g. {@code /patterns/{name}/apply}. */
    static String route(String path) {
        return NAMED.matcher(path).replaceFirst("/$1/{name}");
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        int[] status = {0};
        try {
            return delegate.send(request, info -> {
                status[0] = info.statusCode();
                record(request, info.statusCode(), started);
                return handler.apply(info);
            });
        } finally {
            if (status[0] == 0) {
                record(request, 0, started);
            }
        }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
                                                            HttpResponse.BodyHandler<T> handler) {
        return sendAsync(request, handler, null);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        long started = System.nanoTime();
        boolean[] answered = {false};
        CompletableFuture<HttpResponse<T>> response = delegate.sendAsync(request, info -> {
            answered[0] = true;
            record(request, info.statusCode(), started);
            return handler.apply(info);
        }, pushPromiseHandler);
        response.whenComplete((done, failure) -> {
            if (failure != null && !answered[0]) {
                record(request, 0, started);
            }
        });
        return response;
    }

    private void record(HttpRequest request, int status, long started) {
        metrics.fabricRequest(request.method() + " " + route(request.uri().getPath()), status,
                Duration.ofNanos(System.nanoTime() - started));
    }

    // ---- the rest is the delegate's ----

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }
}
