-- Token lifecycle of TikTok shops.
-- access_token_hash: SHA-256 of the current access token, so that a call TikTok refused with an
-- expired token finds the authorization to refresh (the sealed token itself cannot be searched).
ALTER TABLE tiktok_authorizations ADD COLUMN access_token_hash VARCHAR(64);
CREATE INDEX ix_tiktok_authorizations_token_hash ON tiktok_authorizations (access_token_hash);
-- Why a shop is not CONNECTED (deauthorized by the seller, refresh token expired...).
ALTER TABLE tiktok_shops ADD COLUMN status_reason VARCHAR(500);
-- TikTok's "authorization expiring" notice (webhook type 7): when it last came.
ALTER TABLE tiktok_shops ADD COLUMN authorization_expiring_at TIMESTAMP WITH TIME ZONE;
