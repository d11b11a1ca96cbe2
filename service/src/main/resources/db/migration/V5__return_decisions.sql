-- The merchant's decisions on returns and their sync to the marketplace. One row per decision: its
-- id is also the idempotency key of the marketplace call, the same on every attempt. A return points
-- at its current decision, whose sync status the merchant API shows as the return's "sync".
CREATE TABLE return_decisions (
    id              VARCHAR(40)   NOT NULL PRIMARY KEY,
    return_id       VARCHAR(40)   NOT NULL REFERENCES returns (id),
    answers         VARCHAR(32)   NOT NULL, -- what the marketplace waited for: RESPOND_REQUEST | CONFIRM_RECEIPT
    verdict         VARCHAR(16)   NOT NULL, -- APPROVED | REJECTED | MIXED (over the items)
    mixed_decision  VARCHAR(20)   NOT NULL, -- the merchant's mixedDecision when deciding
    returnless      BOOLEAN       NOT NULL,
    reject_reason   VARCHAR(255),
    comment         VARCHAR(1000),
    approved_refund DECIMAL(14, 2),         -- the approved items' refund total
    currency        VARCHAR(3),
    sync_status     VARCHAR(16)   NOT NULL, -- PENDING | SYNCED | FAILED
    sync_decision   VARCHAR(40),            -- the marketplace decision (e.g. APPROVE_RETURN), planned then sent
    sync_error_code VARCHAR(32),            -- the marketplace's error code when it refused the decision
    sync_error      VARCHAR(2000),
    sync_reason     VARCHAR(1000),          -- why a sync is held, or how it ended without a call
    dead_lettered_at TIMESTAMP,             -- FAILED because its message was dead-lettered: a replay sends it again
    created_at      TIMESTAMP     NOT NULL,
    updated_at      TIMESTAMP     NOT NULL,
    synced_at       TIMESTAMP
);
CREATE INDEX ix_return_decisions_return ON return_decisions (return_id, created_at);

ALTER TABLE returns ADD COLUMN current_decision_id VARCHAR(40);
