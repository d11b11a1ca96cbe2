-- Arbitration (issue 13.8): TikTok's arbitration_status of the return, as last read. While it is
-- IN_PROGRESS a platform operator decides the case and the seller's decision is refused (25011010),
-- so the service answers a decision 409 instead of sending one TikTok will not take. Null for none.
ALTER TABLE returns ADD COLUMN arbitration_status VARCHAR(32);
