package io.returnflow.history;

/** What kind of thing happened to a return. Add a kind when a flow has a new kind of thing to tell. */
public enum ReturnEventKind {
    /** A partner told us the return changed (a TikTok webhook), or a replayed event. */
    EVENT_RECEIVED,
    /** A call to a partner API: partner, operation, outcome, latency. */
    PARTNER_CALL,
    /** The return was recorded for the first time. */
    RETURN_RECORDED,
    /** The return moved to a new status or state. */
    STATUS_CHANGED,
    /** A decision on the return or its items (merchant, rule). */
    DECISION,
    /** A decision or status sent to the source (TikTok). */
    SYNC,
    /** Work with a WMS / 3PL target (Return Authorization created, failed, skipped). */
    WMS,
    /** A return label bought or uploaded. */
    LABEL,
    /** Work that has to wait (a partner down or throttling, an order not synced yet) went back on the broker. */
    WAITING,
    /** The work was given up and parked in a dead-letter queue for an operator. */
    DEAD_LETTERED,
    /** An operator replayed the parked work. */
    REPLAYED,
    /** The merchant's deadline policy warned of TikTok's coming deadline, or left a return it would not decide. */
    DEADLINE_POLICY
}
