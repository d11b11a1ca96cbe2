-- Reconciliation behind the webhooks (issue 15): per connected TikTok shop, how far its returns were
-- searched by update time, when its next round is due, and the lease of the instance running a
-- round now (one instance at a time; an expired lease is taken over).
CREATE TABLE tiktok_reconcile_rounds (
    shop_id        VARCHAR(64) NOT NULL PRIMARY KEY,
    searched_until BIGINT,                -- Unix seconds: returns updated before it were searched
    next_round_at  TIMESTAMP   NOT NULL,
    lease_owner    VARCHAR(40),
    lease_until    TIMESTAMP
);
