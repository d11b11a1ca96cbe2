package io.returnflow.notifications;

import java.time.Instant;

/**
 * One message to a merchant, as its webhook receives it: {@code text} for people (a Slack incoming
 * webhook shows it as is), the rest for programs. {@code id} is the same on every delivery attempt,
 * so a receiver can drop repeats.
 *
 * @param returnId       the service's return id, or null when the notice is not about a return
 * @param sourceReturnId the marketplace's id of that return (TikTok's), or null
 * @param shopId         the TikTok shop, where the notice is about one
 */
public record Notice(String id, String merchantId, NoticeKind kind, String text, String returnId,
                     String sourceReturnId, String shopId, String detail, Instant at) {
}
