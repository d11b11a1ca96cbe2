-- Why a return has no label (NOT_NEEDED: TikTok ships it itself, nothing is shipped, the return was
-- rejected or cancelled) or why its label was refunded at the provider (REFUNDED).
ALTER TABLE return_labels ADD COLUMN reason VARCHAR(500);
