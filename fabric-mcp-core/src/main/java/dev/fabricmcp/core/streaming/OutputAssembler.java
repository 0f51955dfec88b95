package dev.fabricmcp.core.streaming;

import dev.fabricmcp.client.ChatAnswer;
import dev.fabricmcp.client.FabricChunk;
import java.util.Optional;

/**
 * Collects a run's answer as its chunks arrive. Thread-safe: chunks are added by the reader while a failure may
 * read the partial output from another thread.
 */
public final class OutputAssembler {

    private final StringBuilder output = new StringBuilder();
    private FabricChunk.Usage usage;
    private boolean receivedAny;

    /** Adds a chunk: content to the answer, usage to the token counts; other chunks only count as arrived. */
    public synchronized void add(FabricChunk chunk) {
        receivedAny = true;
        switch (chunk.type()) {
            case CONTENT -> output.append(chunk.content());
            case USAGE -> usage = chunk.usage();
            default -> {
                // 'complete' carries nothing to keep.
            }
        }
    }

    /** Whether Fabric has sent anything yet. */
    public synchronized boolean receivedAny() {
        return receivedAny;
    }

    /** The answer so far. */
    public synchronized String text() {
        return output.toString();
    }

    public synchronized Optional<FabricChunk.Usage> usage() {
        return Optional.ofNullable(usage);
    }

    /**
     * {@code mermaid} when the whole answer starts with a mermaid keyword, else {@code markdown}. Fabric decides per
     * chunk, which means nothing when a chunk is a token.
     */
    public synchronized String format() {
        return ChatAnswer.formatOf(output);
    }
}
