-- Security hardening (issue 14).
-- The browser that started a "connect a TikTok shop": SHA-256 of the random value of its
-- short-lived, HttpOnly connect cookie. The callback must come from that browser.
ALTER TABLE tiktok_oauth_states ADD COLUMN browser_hash VARCHAR(64);
