package io.returnflow.returns;

import java.time.Instant;
import java.util.List;

/**
 * What the buyer (and the marketplace) put on a return's record: notes, reasons, images and
 * videos, oldest first, as the marketplace keeps them. Media stay where the marketplace hosts them;
 * only their addresses are passed on.
 */
public record ReturnEvidence(String returnId, List<Entry> records) {

    /** One event of the case: who did what, with what they wrote and attached. */
    public record Entry(String event, String role, String description, String reason, String note,
                        List<Image> images, List<Video> videos, Instant at) {
    }

    public record Image(String url, Integer width, Integer height) {
    }

    public record Video(String url, String coverUrl, Integer width, Integer height, Long durationMillis) {
    }
}
