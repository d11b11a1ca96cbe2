-- Returns from any source (TikTok today), their items and their Return Authorizations per WMS.
CREATE TABLE returns (
    id                     VARCHAR(40)  NOT NULL PRIMARY KEY,
    merchant_id            VARCHAR(64)  NOT NULL,
    source                 VARCHAR(16)  NOT NULL,
    source_account_id      VARCHAR(64)  NOT NULL, -- the TikTok shop id
    source_return_id       VARCHAR(64)  NOT NULL,
    source_order_id        VARCHAR(64)  NOT NULL,
    return_type            VARCHAR(32)  NOT NULL,
    source_status          VARCHAR(64)  NOT NULL,
    source_updated_at      BIGINT       NOT NULL, -- TikTok update_time: a status never goes back to an older one
    next_action            VARCHAR(32),
    can_buyer_keep_item    BOOLEAN      NOT NULL,
    shipping_document_type VARCHAR(32),
    shopify_order_id       VARCHAR(128),
    shopify_order_name     VARCHAR(64),
    state                  VARCHAR(32)  NOT NULL,
    attention              VARCHAR(1000),         -- why the merchant should look at it, if they should
    created_at             TIMESTAMP    NOT NULL,
    updated_at             TIMESTAMP    NOT NULL,
    CONSTRAINT uq_returns_source UNIQUE (source, source_account_id, source_return_id)
);
CREATE INDEX ix_returns_merchant_created ON returns (merchant_id, created_at, id);
CREATE INDEX ix_returns_merchant_state ON returns (merchant_id, state, created_at, id);

CREATE TABLE return_items (
    id                   VARCHAR(40)   NOT NULL PRIMARY KEY,
    return_id            VARCHAR(40)   NOT NULL REFERENCES returns (id),
    position             INT           NOT NULL,
    sku                  VARCHAR(255)  NOT NULL,
    product_name         VARCHAR(500),
    quantity             INT           NOT NULL,
    source_line_ids      VARCHAR(4000) NOT NULL, -- TikTok return_line_item_ids, one per unit, comma-separated
    shopify_line_item_id VARCHAR(128),
    shopify_variant_id   VARCHAR(128),
    matched              BOOLEAN       NOT NULL,
    refund_amount        DECIMAL(14, 2),
    currency             VARCHAR(3),
    decision             VARCHAR(16)   NOT NULL
);
CREATE INDEX ix_return_items_return ON return_items (return_id, position);

CREATE TABLE return_wms (
    return_id   VARCHAR(40)   NOT NULL REFERENCES returns (id),
    target      VARCHAR(32)   NOT NULL,
    status      VARCHAR(16)   NOT NULL,
    external_id VARCHAR(128),
    error       VARCHAR(2000),
    updated_at  TIMESTAMP     NOT NULL,
    PRIMARY KEY (return_id, target)
);

-- Transactional outbox: an event row is written in the transaction that changes the return, and
-- the outbox relay route publishes it to the broker afterwards (at least once).
CREATE TABLE outbox (
    id           VARCHAR(40)  NOT NULL PRIMARY KEY,
    destination  VARCHAR(128) NOT NULL,
    group_key    VARCHAR(128),
    payload      TEXT         NOT NULL,
    created_at   TIMESTAMP    NOT NULL,
    lease_until  TIMESTAMP,
    published_at TIMESTAMP
);
CREATE INDEX ix_outbox_unpublished ON outbox (published_at, created_at);
