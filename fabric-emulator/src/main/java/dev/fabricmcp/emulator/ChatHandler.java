package dev.fabricmcp.emulator;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Map;

/**
 * {@code POST /chat}: binds the body (400 {@code {"error":"invalid request format: ..."}} on failure),
 * then streams every prompt's answer as {@code data: <json>\n\n} events with Fabric's headers, chunked, one
 * flush per event, and records everything in a {@link RecordedChat}.
 */
final class ChatHandler {

    private ChatHandler() {
    }

    static void handle(Call call) throws IOException {
        EmulatorState state = call.state();
        HttpExchange ex = call.exchange();
        RecordedChat chat = new RecordedChat(call.recorded(), state.log::changed);
        state.log.add(chat);
        try {
            JsonObject json = null;
            ChatRequest request;
            try {
                json = Json.object(call.body());
                request = ChatRequestDecoder.decode(json);
            } catch (Json.Invalid invalid) {
                chat.requestDecoded(json, null, invalid.getMessage());
                ex.getResponseHeaders().set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
                Responses.json(ex, 400, Map.of("error", "invalid request format: " + invalid.getMessage()));
                chat.finish(ChatOutcome.REJECTED);
                return;
            }
            chat.requestDecoded(json, request, null);
            setStreamHeaders(ex.getResponseHeaders());
            if (request.prompts() == null || request.prompts().isEmpty()) {
                ex.sendResponseHeaders(200, -1);
                chat.finish(ChatOutcome.EMPTY);
                return;
            }
            stream(call, chat, request);
        } catch (IOException | RuntimeException e) {
            chat.finish(e instanceof ConnectionCut ? ChatOutcome.CUT : ChatOutcome.FAILED);
            throw e;
        }
    }

    private static void stream(Call call, RecordedChat chat, ChatRequest request) throws IOException {
        HttpExchange ex = call.exchange();
        try {
            ex.sendResponseHeaders(200, 0); // 0 = chunked
        } catch (IOException e) {
            chat.clientWentAway(Instant.now());
            chat.finish(ChatOutcome.CLIENT_GONE);
            return;
        }
        OutputStream out = ex.getResponseBody();
        EventStream events = new EventStream(out, chat, call.state());
        try {
            new PromptResponder(call.state(), events, chat, request).respondToAll();
        } catch (StreamAborted aborted) {
            if (aborted.outcome() == ChatOutcome.CUT) {
                chat.finish(ChatOutcome.CUT);
                throw new ConnectionCut("connection cut by a chat script");
            }
            chat.finish(aborted.outcome());
            return;
        }
        try {
            out.close(); // writes the terminating zero-length chunk
            chat.finish(ChatOutcome.COMPLETED);
        } catch (IOException e) {
            chat.clientWentAway(Instant.now());
            chat.finish(ChatOutcome.CLIENT_GONE);
        }
    }

    /** Fabric's stream headers, exactly (including the non-standard {@code text/readystream}). */
    private static void setStreamHeaders(Headers h) {
        h.set("Content-Type", "text/readystream");
        h.set("Cache-Control", "no-cache");
        h.set("Connection", "keep-alive");
        h.set("Access-Control-Allow-Origin", "http://localhost:5173");
        h.set("X-Accel-Buffering", "no");
    }
}
