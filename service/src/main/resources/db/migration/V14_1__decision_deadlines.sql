-- Reopened cases (issue 13 item 8): the marketplace's deadline a decision answered. TikTok showing
-- the same next action with another deadline asks the merchant again: the return is OPEN again and
-- the next decision is a new one (its own idempotency key). Null for decisions made before.
ALTER TABLE return_decisions ADD COLUMN answers_deadline TIMESTAMP;
