package dev.fabricmcp.client;

import java.util.Objects;

/**
 * A transcript as {@code POST /youtube/transcript} returns it.
 *
 * @param transcript  the transcript text
 * @param videoId     the video's id
 * @param title       the video's title (its id when Fabric has no YouTube API key)
 * @param description the video's description; empty when Fabric has none
 */
public record YouTubeTranscript(String transcript, String videoId, String title, String description) {

    public YouTubeTranscript {
        Objects.requireNonNull(transcript, "transcript");
        videoId = videoId == null ? "" : videoId;
        title = title == null ? "" : title;
        description = description == null ? "" : description;
    }
}
