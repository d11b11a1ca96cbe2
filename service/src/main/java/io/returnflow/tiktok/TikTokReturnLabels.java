package io.returnflow.tiktok;

import java.util.LinkedHashMap;
import java.util.Map;

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
 * "already uploaded" (25021022) counts as done.
 */
@Component
class TikTokReturnLabels implements MarketplaceLabels {

    private static final Logger log = LoggerFactory.getLogger(TikTokReturnLabels.class);

    /** TikTok: "the shipping document was already uploaded" (counts as done). */
    static final long ALREADY_UPLOADED = 25021022L;

    private final TikTokShopDirectory shops;
    private final TikTokClient tiktok;
    private final TikTokEndpoints endpoints;

    TikTokReturnLabels(TikTokShopDirectory shops, TikTokClient tiktok, TikTokEndpoints endpoints) {
        this.shops = shops;
        this.tiktok = tiktok;
        this.endpoints = endpoints;
    }

    @Override
    public void upload(LabelDocument document) {
        ConnectedShop shop = shops.connectedShop(document.accountId(), document.merchantId());
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(document.qrCode() ? MediaType.IMAGE_PNG : MediaType.APPLICATION_PDF);
        String fileName = document.qrCode() ? "return-qr-code.png" : "return-label.pdf";
        parts.add(document.qrCode() ? "return_qr_code" : "return_shipping_label",
                new HttpEntity<>(new ByteArrayResource(document.content()) {
                    @Override
                    public String getFilename() {
                        return fileName;
                    }
                }, headers));
        parts.add("tracking_number", document.trackingNumber());
        if (document.returnProviderId() != null) {
            parts.add("return_provider_id", document.returnProviderId());
        } else {
            log.warn("No TikTok return_provider_id configured for carrier {} (labels.return-provider-ids): uploading without it",
                    document.carrier());
        }
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
