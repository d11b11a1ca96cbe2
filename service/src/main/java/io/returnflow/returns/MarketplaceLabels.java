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
