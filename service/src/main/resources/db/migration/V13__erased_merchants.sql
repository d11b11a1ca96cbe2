-- Merchants erased by DELETE /api/admin/merchants/{id}: what is left of them is an opaque name
-- (HMAC under a key derived from app.encryption-key, OpaqueIds) for the merchant, each of its
-- TikTok shops and each of its returns, so a message still queued for one of them is dropped
-- instead of failing into a dead-letter queue. Nothing here names the merchant; the retention
-- purge removes a row once no message can still be waiting for it.
CREATE TABLE erased_subjects (
    opaque_id VARCHAR(64) NOT NULL PRIMARY KEY,
    erased_at TIMESTAMP   NOT NULL
);
CREATE INDEX ix_erased_subjects_erased_at ON erased_subjects (erased_at);
