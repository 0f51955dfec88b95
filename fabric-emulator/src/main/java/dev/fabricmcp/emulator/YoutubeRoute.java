package dev.fabricmcp.emulator;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /youtube/transcript}: validates the URL like Fabric and answers with the emulator's canned
 * transcript (no network). {@code title} is the video ID and {@code description} is empty, as in Fabric
 * without a {@code YOUTUBE_API_KEY}.
 */
final class YoutubeRoute {

    /** Fabric's video and playlist ID patterns. */
    private static final Pattern VIDEO = Pattern.compile("(?:https?://)?(?:www\\.)?(?:youtube\\.com/(?:live/|"
            + "[^/\\n\\s]+/\\S+/|(?:v|e(?:mbed)?)/|\\S*?[?&]v=)|youtu\\.be/)([a-zA-Z0-9_-]*)");
    private static final Pattern PLAYLIST = Pattern.compile("[?&]list=([a-zA-Z0-9_-]+)");

    private YoutubeRoute() {
    }

    static void transcript(Call call) throws IOException {
        String url;
        boolean timestamps;
        try {
            JsonObject body = Json.object(call.body());
            url = Json.string(body, "url");
            timestamps = Json.bool(body, "timestamps");
        } catch (Json.Invalid invalid) {
            url = "";
            timestamps = false;
        }
        // binding:"required" fires before the handler's own checks, so both cases read "invalid request".
        if (url.isEmpty()) {
            Responses.error(call.exchange(), 400, "invalid request");
            return;
        }
        Matcher video = VIDEO.matcher(url);
        String videoId = video.find() ? video.group(1) : "";
        Matcher playlist = PLAYLIST.matcher(url);
        String playlistId = playlist.find() ? playlist.group(1) : "";
        if (videoId.isEmpty() && playlistId.isEmpty()) {
            Responses.error(call.exchange(), 400,
                    "invalid YouTube URL, can't get video or playlist ID: '" + url + "'");
            return;
        }
        if (videoId.isEmpty()) {
            Responses.error(call.exchange(), 400, "URL is a playlist, not a video");
            return;
        }
        String failure = call.state().youtubeFailure;
        if (failure != null) {
            Responses.error(call.exchange(), 500, failure);
            return;
        }
        String transcript = call.state().youtubeTranscript;
        if (timestamps) {
            transcript = withTimestamps(transcript);
        }
        Responses.json(call.exchange(), 200, new JsonFields().field("transcript", transcript)
                .field("videoId", videoId).field("title", videoId).field("description", ""));
    }

    /** One {@code [hh:mm:ss] } prefixed line per sentence, four seconds apart. */
    private static String withTimestamps(String transcript) {
        StringBuilder out = new StringBuilder();
        int second = 0;
        for (String sentence : transcript.split("(?<=[.!?])\\s+")) {
            out.append(String.format("[%02d:%02d:%02d] ", second / 3600, (second / 60) % 60, second % 60))
                    .append(sentence.strip()).append('\n');
            second += 4;
        }
        return out.toString();
    }
}
