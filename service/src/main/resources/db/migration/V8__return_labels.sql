-- One return label per return, however often its "return created" event is delivered.
-- provider_shipment_id is saved as soon as the provider created the shipment: a retry reuses it
-- (and reads it back when it was already bought) instead of creating and buying a second one.
CREATE TABLE return_labels (
    return_id            VARCHAR(40)   NOT NULL PRIMARY KEY REFERENCES returns (id),
    status               VARCHAR(16)   NOT NULL, -- PENDING, PURCHASED, UPLOADED, FAILED
    document_type        VARCHAR(32)   NOT NULL, -- what TikTok asks for: SHIPPING_LABEL or QR_CODE
    provider_shipment_id VARCHAR(128),
    carrier              VARCHAR(64),
    tracking_number      VARCHAR(128),
    document_url         VARCHAR(2000),          -- the label PDF or the QR code image at the provider
    error                VARCHAR(2000),          -- the last failure, kept while retrying; cleared on success
    created_at           TIMESTAMP     NOT NULL,
    updated_at           TIMESTAMP     NOT NULL
);
