-- The shop's RETURN_STATUS_CHANGE webhook subscription (tiktok.webhook-subscription.*).
-- webhook_subscription_address: the address TikTok confirmed (SUBSCRIBED) or refused (FAILED);
-- null while the shop still waits for a subscription (PENDING), so a new address makes every shop due.
ALTER TABLE tiktok_shops ADD COLUMN webhook_subscription_status VARCHAR(20);
ALTER TABLE tiktok_shops ADD COLUMN webhook_subscription_address VARCHAR(500);
ALTER TABLE tiktok_shops ADD COLUMN webhook_subscription_error VARCHAR(1000);
ALTER TABLE tiktok_shops ADD COLUMN webhook_subscription_at TIMESTAMP WITH TIME ZONE;
