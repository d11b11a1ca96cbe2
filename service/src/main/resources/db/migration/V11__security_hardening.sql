-- Security hardening (issue 14).
-- The browser that started a "connect a TikTok shop": SHA-256 of the random value of its
-- short-lived, HttpOnly connect cookie. The callback must come from that browser.
ALTER TABLE tiktok_oauth_states ADD COLUMN browser_hash VARCHAR(64);

-- API keys with a lifecycle: listed by their first characters, with an optional expiry and the
-- time they were last used (updated at most once a minute); a revoked key's row is deleted.
ALTER TABLE merchant_api_keys ADD COLUMN key_prefix VARCHAR(16);
ALTER TABLE merchant_api_keys ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE merchant_api_keys ADD COLUMN last_used_at TIMESTAMP WITH TIME ZONE;

-- A shop whose seller deauthorized the app keeps its row (DISCONNECTED, with the reason) but no
-- tokens: it no longer points at an authorization, and an authorization no shop uses is deleted.
ALTER TABLE tiktok_shops ALTER COLUMN authorization_id DROP NOT NULL;
