package io.returnflow.sandbox;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The sandbox TikTok's record of each return, as {@code GET .../returns/{id}/records} answers it:
 * the buyer's request first (reason, note, a photo per returned item, served by
 * {@link SandboxTikTokMedia}), then whatever the buyer adds later. Event names are the sandbox's
 * own: TikTok's list of record events is not published in a form we could check.
 */
@Component
@ConditionalOnProperty("sandbox.enabled")
class SandboxReturnRecords {

    private static final int PHOTOS_AT_MOST = 3;

    private final Map<String, List<Map<String, Object>>> added = new ConcurrentHashMap<>();
    private final Clock clock;

    SandboxReturnRecords(Clock clock) {
        this.clock = clock;
    }

    /** The request's own record, then those added, oldest first. {@code mediaBase} is where the photos are served. */
    List<Map<String, Object>> of(SandboxReturn ret, String mediaBase) {
        List<Map<String, Object>> records = new ArrayList<>();
        records.add(request(ret, mediaBase));
        records.addAll(added.getOrDefault(ret.returnId(), List.of()));
        return records;
    }

    /** The buyer adds a note, images ({url, width, height}) or videos ({url, cover, ...}) to the case. */
    void add(String returnId, String note, List<Map<String, Object>> images, List<Map<String, Object>> videos) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("event", "BUYER_ADDED_EVIDENCE");
        record.put("role", "BUYER");
        record.put("description", "The buyer added information to the request");
        record.put("note", note == null ? "" : note);
        record.put("images", images == null ? List.of() : images);
        record.put("videos", videos == null ? List.of() : videos);
        record.put("create_time", clock.instant().getEpochSecond());
        added.computeIfAbsent(returnId, id -> new CopyOnWriteArrayList<>()).add(record);
    }

    private static Map<String, Object> request(SandboxReturn ret, String mediaBase) {
        List<Map<String, Object>> photos = new ArrayList<>();
        for (int i = 1; i <= Math.min(PHOTOS_AT_MOST, ret.lineItems().size()); i++) {
            photos.add(Map.of("url", mediaBase + "/" + ret.returnId() + "/photo-" + i + ".png", "width", 320, "height", 320));
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("event", "BUYER_REQUESTED");
        record.put("role", "BUYER");
        record.put("description", switch (ret.returnType()) {
            case "REFUND" -> "The buyer requested a refund";
            case "REPLACEMENT" -> "The buyer requested a replacement";
            default -> "The buyer requested a return and refund";
        });
        record.put("reason_text", "REPLACEMENT".equals(ret.returnType()) ? "Item arrived damaged" : "Item does not fit");
        record.put("note", "Sandbox buyer: see the photos.");
        record.put("images", photos);
        record.put("videos", List.of());
        record.put("create_time", ret.createTime());
        return record;
    }
}
