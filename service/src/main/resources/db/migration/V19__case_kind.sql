-- Cases are returns or, since issue 15 item 4, TikTok buyer cancellation requests (an order cancelled
-- before it ships). Both are decided by the merchant the same way; only a return is fanned out to WMS
-- targets, labels and Shopify returns. Every case recorded before is a return.
ALTER TABLE returns ADD COLUMN kind VARCHAR(16) DEFAULT 'RETURN' NOT NULL;
