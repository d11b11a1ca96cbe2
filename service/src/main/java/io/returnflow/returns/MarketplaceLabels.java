package io.returnflow.returns;

/**
 * Where a bought return label goes: the marketplace the return came from shows it to the buyer.
 * The labels flow calls it as the WMS targets are called, without knowing the marketplace;
 * implemented per marketplace (TikTok).
 */
public interface MarketplaceLabels {

    /**
     * Uploads the return's label document; a document the marketplace already has counts as done.
     * Failures follow the shared queue policy (RetryLaterException to wait, PermanentFailureException
     * or a partner refusal for a final no).
     */
    void upload(LabelDocument document);

    /**
     * Whether the marketplace waits for the seller's label of the return now, as the return says at
     * the marketplace (read afresh): a label is bought only then, never for a return the marketplace
     * ships itself, nor for one rejected or cancelled.
     */
    LabelNeed need(String merchantId, String accountId, String sourceReturnId);

    /** @param reason why no label is wanted (NEVER) or not yet (LATER); null for NOW */
    record LabelNeed(When when, String reason) {

        public enum When {
            /** the return is approved and waits for the buyer to ship with the seller's label */
            NOW,
            /** the request is not decided yet */
            LATER,
            /** no seller label, ever: the marketplace ships it, nothing is shipped, or it was rejected or cancelled */
            NEVER
        }

        public static LabelNeed now() {
            return new LabelNeed(When.NOW, null);
        }

        public static LabelNeed later(String reason) {
            return new LabelNeed(When.LATER, reason);
        }

        public static LabelNeed never(String reason) {
            return new LabelNeed(When.NEVER, reason);
        }
    }

    /**
     * @param merchantId       the merchant the return belongs to: the account must still be theirs
     * @param accountId        the marketplace account of the return (the TikTok shop)
     * @param qrCode           a QR code the buyer shows at the carrier (PNG), else the label itself (PDF)
     * @param returnProviderId the marketplace's id of the carrier (labels.return-provider-ids), null when none is set
     */
    record LabelDocument(ReturnSource source, String merchantId, String accountId, String sourceReturnId, boolean qrCode, byte[] content,
                         String trackingNumber, String carrier, String returnProviderId) {

        @Override
        public String toString() {
            return "LabelDocument[" + source + " " + accountId + "/" + sourceReturnId + ", " + (qrCode ? "QR code" : "label")
                    + ", " + content.length + " bytes, " + carrier + " " + trackingNumber + "]";
        }
    }
}
