-- Deadlines (issue 15): until when TikTok waits for the merchant's current next action before it
-- decides by itself, and TikTok's name of that action. Both follow every re-read of the return;
-- null while TikTok waits for nothing. Open returns are listed by deadline, soonest first.
ALTER TABLE returns ADD COLUMN deadline_at TIMESTAMP;
ALTER TABLE returns ADD COLUMN deadline_action VARCHAR(64);
CREATE INDEX ix_returns_merchant_deadline ON returns (merchant_id, state, deadline_at, id);
CREATE INDEX ix_returns_state_deadline ON returns (state, deadline_at);
