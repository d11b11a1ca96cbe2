-- Where a merchant wants to hear about what needs it (issue 15.3): one webhook URL, and the secret
-- its messages are signed with, sealed (SecretBox). Erased with the merchant.
CREATE TABLE merchant_notifications (
    merchant_id     VARCHAR(64)   NOT NULL,
    webhook_url     VARCHAR(2048) NOT NULL,
    signing_secret  VARCHAR(512)  NOT NULL,
    updated_at      TIMESTAMP     NOT NULL,
    CONSTRAINT pk_merchant_notifications PRIMARY KEY (merchant_id),
    CONSTRAINT fk_merchant_notifications_merchant FOREIGN KEY (merchant_id) REFERENCES merchants (id) ON DELETE CASCADE
);
