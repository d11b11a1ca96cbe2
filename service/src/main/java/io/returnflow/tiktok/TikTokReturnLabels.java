package io.returnflow.tiktok;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.returnflow.messaging.PermanentFailureException;
import io.returnflow.returns.MarketplaceLabels;
import io.returnflow.tiktok.connect.ConnectedShop;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A return label on TikTok: {@code POST /return_refund/202405/returns/shipping_documents} with the
 * document TikTok asked the return for (the label PDF as {@code return_shipping_label}, or a QR code
 * as {@code return_qr_code}), its tracking number and TikTok's id of the carrier. TikTok's
 * "already uploaded" (25021022) counts as done; "PDF only" (25021023) for a QR image is answered by
 * sending the QR code again, put on a PDF page.
 */
@Component
class TikTokReturnLabels implements MarketplaceLabels {

    private static final Logger log = LoggerFactory.getLogger(TikTokReturnLabels.class);

    /** TikTok: "the shipping document was already uploaded" (counts as done). */
    static final long ALREADY_UPLOADED = 25021022L;
    /** TikTok: the shipping document must be a PDF (published in TikTok's upload guide; when it is asked, unverified). */
    static final long PDF_ONLY = 25021023L;

    static final String AWAITING_BUYER_SHIP = "AWAITING_BUYER_SHIP";
    private static final Set<String> PENDING = Set.of("RETURN_OR_REFUND_REQUEST_PENDING", "REPLACEMENT_REQUEST_PENDING");
    private static final Set<String> CLOSED_WITHOUT_SHIPMENT = Set.of("REFUND_OR_RETURN_REQUEST_REJECT",
            "REPLACEMENT_REQUEST_REJECT", "RETURN_OR_REFUND_REQUEST_CANCEL", "REPLACEMENT_REQUEST_CANCEL");

    private final TikTokShopDirectory shops;
    private final TikTokClient tiktok;
    private final TikTokEndpoints endpoints;
    private final TikTokReturns returns;

    TikTokReturnLabels(TikTokShopDirectory shops, TikTokClient tiktok, TikTokEndpoints endpoints, TikTokReturns returns) {
        this.shops = shops;
        this.tiktok = tiktok;
        this.endpoints = endpoints;
        this.returns = returns;
    }

    /**
     * TikTok waits for the seller's label once it approved the request and the buyer is to ship
     * (AWAITING_BUYER_SHIP), unless it ships the return itself: {@code shipment_type} PLATFORM or
     * {@code return_method} PLATFORM_SHIPPED, or a tracking number already on the return.
     */
    @Override
    public LabelNeed need(String merchantId, String accountId, String sourceReturnId) {
        ConnectedShop shop = shops.connectedShop(accountId, merchantId);
        TikTokReturn ret = returns.fetch(sourceReturnId, shop.accessToken(), shop.cipher());
        String status = ret.returnStatus();
        if ("REFUND".equals(ret.returnType())) {
            return LabelNeed.never("a refund-only return: nothing is shipped back");
        }
        if (CLOSED_WITHOUT_SHIPMENT.contains(status)) {
            return LabelNeed.never("TikTok's status is " + status + ": the return was rejected or cancelled");
        }
        if (PENDING.contains(status)) {
            return LabelNeed.later("the request is not approved yet (" + status + ")");
        }
        if (!AWAITING_BUYER_SHIP.equals(status)) {
            return LabelNeed.never("TikTok's status is " + status + ": the buyer is not waiting for a label");
        }
        if ("PLATFORM".equals(ret.shipmentType()) || "PLATFORM_SHIPPED".equals(ret.returnMethod())) {
            return LabelNeed.never("TikTok ships this return itself (shipment_type " + ret.shipmentType() + ", return_method "
                    + ret.returnMethod() + "): its carrier and label");
        }
        if (ret.returnTrackingNumber() != null) {
            return LabelNeed.never("the return already has a tracking number (" + ret.returnTrackingNumber() + ")");
        }
        return LabelNeed.now();
    }

    @Override
    public void upload(LabelDocument document) {
        ConnectedShop shop = shops.connectedShop(document.accountId(), document.merchantId());
        try {
            send(document, shop, document.content());
        } catch (TikTokApiException refused) {
            if (refused.tiktokCode() != PDF_ONLY || !document.qrCode() || QrCodePdf.isPdf(document.content())) {
                throw refused;
            }
            log.info("TikTok takes the QR code of return {} as a PDF only: sending it as one", document.sourceReturnId());
            send(document, shop, QrCodePdf.of(document.content()));
        }
    }

    /** Sends the document; TikTok's "already uploaded" counts as done. */
    private void send(LabelDocument document, ConnectedShop shop, byte[] content) {
        boolean pdf = QrCodePdf.isPdf(content);
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(pdf ? MediaType.APPLICATION_PDF : MediaType.IMAGE_PNG);
        String fileName = (document.qrCode() ? "return-qr-code" : "return-label") + (pdf ? ".pdf" : ".png");
        parts.add(document.qrCode() ? "return_qr_code" : "return_shipping_label",
                new HttpEntity<>(new ByteArrayResource(content) {
                    @Override
                    public String getFilename() {
                        return fileName;
                    }
                }, headers));
        if (document.returnProviderId() == null) {
            // required by TikTok's upload: without it the upload is refused, however often it is sent
            throw new PermanentFailureException("no TikTok return_provider_id for carrier " + document.carrier()
                    + ": set labels.return-provider-ids." + document.carrier());
        }
        parts.add("tracking_number", document.trackingNumber());
        parts.add("return_provider_id", document.returnProviderId());
        Map<String, String> query = new LinkedHashMap<>();
        query.put("return_ids", document.sourceReturnId());
        try {
            tiktok.postMultipart(endpoints.shippingDocuments(), query, parts, shop.accessToken(), shop.cipher());
        } catch (TikTokApiException refused) {
            if (refused.tiktokCode() != ALREADY_UPLOADED) {
                throw refused;
            }
            log.info("TikTok already has the return label of return {}", document.sourceReturnId());
        }
    }
}
