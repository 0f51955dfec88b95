package dev.fabricmcp.core.tools;

import dev.fabricmcp.client.FabricClient;
import dev.fabricmcp.client.FabricHttpException;
import dev.fabricmcp.client.YouTubeTranscript;
import dev.fabricmcp.core.FailureKind;
import dev.fabricmcp.core.call.FabricTool;
import java.util.Locale;

/**
 * {@code fabric_get_youtube_transcript}: a video's transcript through Fabric's {@code POST /youtube/transcript}
 * (Fabric runs {@code yt-dlp}). Each of Fabric's refusals becomes a result saying what happened and what to do.
 */
final class YouTubeTranscriptTool {

    private static final Param<String> URL = Param.requiredName("url",
            "The video's URL, e.g. https://www.youtube.com/watch?v=ID or https://youtu.be/ID.",
            "give the URL of a YouTube video");
    private static final Param<String> LANGUAGE = Param.text("language",
            "The subtitles' language code (en, de, pt-BR, ...); Fabric falls back to any language it finds.", "en");
    private static final Param<Boolean> TIMESTAMPS = Param.flag("timestamps",
            "Start each line with its [hh:mm:ss] time in the video.", false);

    static final ToolDeclaration DECLARATION = ToolDeclaration.readOnly("fabric_get_youtube_transcript",
            "Get a YouTube transcript",
            "Gets the transcript of a YouTube video through Fabric (which needs yt-dlp on its machine). Pass the "
                    + "transcript as input_text to fabric_run_pattern, e.g. with extract_wisdom or summarize.",
            """
                    {"type": "object",
                     "properties": {"transcript": {"type": "string"}, "video_id": {"type": "string"},
                                    "title": {"type": "string"}, "description": {"type": "string"}},
                     "required": ["transcript", "video_id", "title", "description"]}""",
            URL, LANGUAGE, TIMESTAMPS);

    private YouTubeTranscriptTool() {
    }

    static FabricTool specification(FabricClient fabric) {
        return ToolSpecs.blocking(DECLARATION, args -> {
            String url = args.get(URL);
            String language = args.get(LANGUAGE).isBlank() ? "en" : args.get(LANGUAGE).strip();
            boolean timestamps = args.get(TIMESTAMPS);
            return () -> {
                YouTubeTranscript transcript;
                try {
                    transcript = fabric.getYouTubeTranscript(url, language, timestamps);
                } catch (FabricHttpException e) {
                    if (e.statusCode() == 400 || e.statusCode() == 500) {
                        ToolSpecs.logFailure(DECLARATION.name(), e);
                        return ToolResults.failure(FailureKind.FABRIC_ERROR, explain(e, url, language));
                    }
                    throw e;
                }
                return ToolResults.success(transcript.transcript(), ToolSpecs.mapOf(
                        "transcript", transcript.transcript(), "video_id", transcript.videoId(),
                        "title", transcript.title(), "description", transcript.description()));
            };
        });
    }

    /** Fabric's answer in words a user can act on; Fabric's own text is quoted for the record. */
    static String explain(FabricHttpException e, String url, String language) {
        String said = e.body().strip();
        String text = said.toLowerCase(Locale.ROOT);
        String what;
        // "invalid YouTube URL, can't get video or playlist ID" mentions playlists too: test it first.
        if (text.contains("invalid youtube url") || text.contains("invalid request")) {
            what = "'" + url + "' is not the URL of a YouTube video. Give one like https://www.youtube.com/watch?v=ID"
                    + " or https://youtu.be/ID.";
        } else if (text.contains("playlist")) {
            what = "The URL is a playlist, not a video. Give the URL of one video of it (https://www.youtube.com/"
                    + "watch?v=ID).";
        } else if (text.contains("yt-dlp") && (text.contains("not found") || text.contains("install"))) {
            what = "Fabric reads transcripts with yt-dlp, which is not installed where Fabric runs. Install yt-dlp"
                    + " on Fabric's machine (pip install yt-dlp, brew install yt-dlp or your package manager) and"
                    + " try again; no restart of Fabric is needed.";
        } else if (text.contains("transcript") || text.contains("vtt") || text.contains("subtitle")) {
            what = "The video has no transcript Fabric could read in '" + language + "'. Try another language, or"
                    + " a video with subtitles or automatic captions.";
        } else if (text.contains("429") || text.contains("too many requests") || text.contains("rate limit")) {
            what = "YouTube is limiting how often Fabric may ask. Wait a few minutes and try again.";
        } else if (text.contains("bot") || text.contains("sign in") || text.contains("cookies")) {
            what = "YouTube wants Fabric to sign in (it suspects a bot). Configure yt-dlp's cookies for Fabric, or"
                    + " try again later.";
        } else {
            what = "Fabric could not get the transcript. Fabric's log has the details.";
        }
        return what + " (Fabric answered HTTP " + e.statusCode() + ": " + said + ")";
    }
}
