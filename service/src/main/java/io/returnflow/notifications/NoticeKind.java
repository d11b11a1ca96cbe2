package io.returnflow.notifications;

/** What a merchant is told about: each a moment where the merchant may have to act. */
public enum NoticeKind {
    /** The decision's sync to TikTok ended FAILED: TikTok did not take it. */
    SYNC_FAILED,
    /** A WMS/3PL Return Authorization ended FAILED. */
    WMS_FAILED,
    /** The return label could not be made or uploaded. */
    LABEL_FAILED,
    /** A TikTok deadline for the merchant's answer comes soon. */
    DEADLINE_APPROACHING,
    /** The merchant's deadline policy decided a return. */
    POLICY_DECISION,
    /** A TikTok shop has to be connected again before its work goes on. */
    SHOP_RECONNECT_NEEDED
}
