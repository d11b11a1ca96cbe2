-- WMS/3PL fan-out. Each WMS target's Return Authorization is recorded in return_wms (V3); its
-- line items carry the buyer's reason, so the return keeps it, in the source's words.
ALTER TABLE returns ADD COLUMN reason VARCHAR(500);
