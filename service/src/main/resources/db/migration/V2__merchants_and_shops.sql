-- Merchants, their API keys, and the TikTok shops they connected.
-- Columns marked "sealed" hold SecretBox ciphertext ("v1:" + base64 of IV, ciphertext and GCM
-- tag), never the secret itself. Runs on PostgreSQL and on H2 in PostgreSQL mode.

CREATE TABLE merchants (
    id                               VARCHAR(64)   NOT NULL,
    name                             VARCHAR(200)  NOT NULL,
    shopify_shop_domain              VARCHAR(255)  NOT NULL,
    shopify_access_token             VARCHAR(4096) NOT NULL, -- sealed
    shopify_api_base_url             VARCHAR(500),
    use_redo_return_labels           BOOLEAN       NOT NULL,
    mixed_decision                   VARCHAR(20)   NOT NULL,
    return_address_name              VARCHAR(200),
    return_address_line1             VARCHAR(200),
    return_address_line2             VARCHAR(200),
    return_address_city              VARCHAR(100),
    return_address_province          VARCHAR(100),
    return_address_zip               VARCHAR(20),
    return_address_country           VARCHAR(2),
    return_address_phone             VARCHAR(40),
    netsuite_enabled                 BOOLEAN       NOT NULL,
    netsuite_account_id              VARCHAR(64),
    netsuite_consumer_key            VARCHAR(4096), -- sealed
    netsuite_consumer_secret         VARCHAR(4096), -- sealed
    netsuite_token_id                VARCHAR(4096), -- sealed
    netsuite_token_secret            VARCHAR(4096), -- sealed
    netsuite_rest_base_url           VARCHAR(500),
    netsuite_location_id             VARCHAR(64),
    shiphero_enabled                 BOOLEAN       NOT NULL,
    shiphero_access_token            VARCHAR(8192), -- sealed
    shiphero_refresh_token           VARCHAR(4096), -- sealed
    -- null until the service refreshed the token itself (an operator-given token's expiry is unknown)
    shiphero_access_token_expires_at TIMESTAMP WITH TIME ZONE,
    shiphero_warehouse_id            VARCHAR(100),
    created_at                       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at                       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_merchants PRIMARY KEY (id)
);

-- Only the SHA-256 of each key: the key itself is shown once, when created.
CREATE TABLE merchant_api_keys (
    id          VARCHAR(36) NOT NULL,
    merchant_id VARCHAR(64) NOT NULL,
    key_hash    VARCHAR(64) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_merchant_api_keys PRIMARY KEY (id),
    CONSTRAINT uq_merchant_api_keys_hash UNIQUE (key_hash),
    CONSTRAINT fk_merchant_api_keys_merchant FOREIGN KEY (merchant_id) REFERENCES merchants (id) ON DELETE CASCADE
);
CREATE INDEX ix_merchant_api_keys_merchant ON merchant_api_keys (merchant_id);

-- The OAuth state of each "connect a TikTok shop" link: single-use, bound to a merchant, short-lived.
-- In the database so that the callback may land on any instance.
CREATE TABLE tiktok_oauth_states (
    state       VARCHAR(64) NOT NULL,
    merchant_id VARCHAR(64) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_tiktok_oauth_states PRIMARY KEY (state),
    CONSTRAINT fk_tiktok_oauth_states_merchant FOREIGN KEY (merchant_id) REFERENCES merchants (id) ON DELETE CASCADE
);
CREATE INDEX ix_tiktok_oauth_states_expires ON tiktok_oauth_states (expires_at);

-- One seller's grant to this app: TikTok issues one token pair per authorization, valid for every
-- shop the seller authorized, so tokens are refreshed here once, not per shop. The refresh lease
-- lets one instance at a time refresh a grant (claim it with a conditional UPDATE).
CREATE TABLE tiktok_authorizations (
    id                       VARCHAR(36)   NOT NULL,
    merchant_id              VARCHAR(64)   NOT NULL,
    open_id                  VARCHAR(255),
    seller_name              VARCHAR(255),
    seller_base_region       VARCHAR(16),
    access_token             VARCHAR(4096) NOT NULL, -- sealed
    access_token_expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    refresh_token            VARCHAR(4096) NOT NULL, -- sealed
    refresh_token_expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    refresh_lease_owner      VARCHAR(100),
    refresh_lease_until      TIMESTAMP WITH TIME ZONE,
    last_refresh_error       VARCHAR(1000),
    created_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_tiktok_authorizations PRIMARY KEY (id),
    CONSTRAINT uq_tiktok_authorizations_seller UNIQUE (merchant_id, open_id),
    CONSTRAINT fk_tiktok_authorizations_merchant FOREIGN KEY (merchant_id) REFERENCES merchants (id) ON DELETE CASCADE
);
CREATE INDEX ix_tiktok_authorizations_access_expiry ON tiktok_authorizations (access_token_expires_at);

-- A connected shop. shop_id is TikTok's shop id, the shop_id of its webhooks; cipher goes out as
-- shop_cipher on shop-scoped calls. status: CONNECTED (later steps add e.g. deauthorized shops).
CREATE TABLE tiktok_shops (
    shop_id           VARCHAR(64)  NOT NULL,
    merchant_id       VARCHAR(64)  NOT NULL,
    authorization_id  VARCHAR(36)  NOT NULL,
    name              VARCHAR(255),
    region            VARCHAR(16),
    seller_type       VARCHAR(32),
    shop_code         VARCHAR(64),
    cipher            VARCHAR(255) NOT NULL,
    status            VARCHAR(20)  NOT NULL,
    status_changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    connected_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_tiktok_shops PRIMARY KEY (shop_id),
    CONSTRAINT fk_tiktok_shops_merchant FOREIGN KEY (merchant_id) REFERENCES merchants (id) ON DELETE CASCADE,
    CONSTRAINT fk_tiktok_shops_authorization FOREIGN KEY (authorization_id) REFERENCES tiktok_authorizations (id) ON DELETE CASCADE
);
CREATE INDEX ix_tiktok_shops_merchant ON tiktok_shops (merchant_id);
CREATE INDEX ix_tiktok_shops_authorization ON tiktok_shops (authorization_id);
