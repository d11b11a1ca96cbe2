package io.returnflow.retention;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long personal data and bookkeeping are kept, and how often the purge runs (once per
 * {@code interval} across all instances; each instance looks every {@code check-every} milliseconds,
 * read by the route's timer).
 *
 * @param history          a return's history entries (events, partner calls, decisions, syncs), by when they happened
 * @param publishedOutbox  outbox rows once published to the broker
 * @param notificationIds  TikTok notification ids kept to refuse a replay; longer than {@code app.webhooks.max-age}
 *                         (an older envelope is refused anyway)
 * @param labelDocuments   the provider's URL of a label never uploaded (an uploaded one is forgotten at once)
 * @param erasedSubjects   the opaque names of erased merchants; longer than {@code app.retry.later.give-up-after}
 *                         (no message waits longer)
 */
@ConfigurationProperties("app.retention")
public record RetentionProperties(
        @DefaultValue("180d") Duration history,
        @DefaultValue("7d") Duration publishedOutbox,
        @DefaultValue("7d") Duration notificationIds,
        @DefaultValue("30d") Duration labelDocuments,
        @DefaultValue("7d") Duration erasedSubjects,
        @DefaultValue("1h") Duration interval) {
}
