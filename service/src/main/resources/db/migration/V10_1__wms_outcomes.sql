-- What a WMS target that follows outcomes did when the return's status changed after its Return
-- Authorization was made (e.g. the Shopify return canceled or closed): outcome is the target's own
-- word (CANCELED, CLOSED), KEPT when it would not follow (outcome_detail says why), FAILED when
-- following was dead-lettered (outcome_detail: the reason). Null until it did something.
ALTER TABLE return_wms ADD COLUMN outcome VARCHAR(40);
ALTER TABLE return_wms ADD COLUMN outcome_detail VARCHAR(2000);
