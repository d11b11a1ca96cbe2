package io.returnflow.sandbox;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The sandbox TikTok's deadlines ({@code seller_next_action_response[].deadline}, Unix seconds): each
 * time a return starts waiting for the seller, TikTok gives them {@code sandbox.tiktok.response-window}
 * (default 2 days; TikTok's own windows run from 24 hours to a few business days), unless a demo or
 * test fixed that wait's deadline. A fixed deadline lasts until the return changes again.
 */
@Component
@ConditionalOnProperty("sandbox.enabled")
class SandboxDeadlines {

    /** A deadline fixed for the wait that began at {@code updateTime}. */
    private record Fixed(long updateTime, long deadline) {
    }

    private final Duration window;
    private final Map<String, Fixed> fixed = new ConcurrentHashMap<>();

    SandboxDeadlines(@Value("${sandbox.tiktok.response-window:P2D}") Duration window) {
        this.window = window;
    }

    /** The deadline of what TikTok waits for from the seller now, or null when it waits for nothing. */
    Long deadlineOf(SandboxReturn ret) {
        if (ret.sellerNextAction() == null) {
            return null;
        }
        Fixed given = fixed.get(ret.returnId());
        return given != null && given.updateTime() == ret.updateTime() ? given.deadline()
                : ret.updateTime() + window.toSeconds();
    }

    /** The current wait of the return ends at {@code deadline} (Unix seconds) instead. */
    void fix(SandboxReturn ret, long deadline) {
        fixed.put(ret.returnId(), new Fixed(ret.updateTime(), deadline));
    }
}
