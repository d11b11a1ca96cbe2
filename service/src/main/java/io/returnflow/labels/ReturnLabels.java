package io.returnflow.labels;

import java.io.IOException;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.returnflow.labels.ReturnLabelStore.Label;
import io.returnflow.labels.ReturnLabelStore.ReturnFacts;
import io.returnflow.labels.ReturnLabelStore.Status;
import io.returnflow.merchants.Merchant;
import io.returnflow.merchants.MerchantStore;
import io.returnflow.messaging.PermanentFailureException;
import io.returnflow.messaging.RetryLaterException;
import io.returnflow.returns.MarketplaceLabels;
import io.returnflow.returns.ReturnSource;
import io.returnflow.shopify.ShopifyOrder;
import io.returnflow.shopify.ShopifyOrders;
import io.returnflow.shopify.ShopifyStores;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Return labels: once the return's marketplace waits for the seller's label (approved, the buyer
 * to ship, not shipped by the marketplace itself), buy one label at the provider (from the Shopify
 * order's shipping address to the merchant's return address) and hand it to the marketplace
 * ({@link MarketplaceLabels}: TikTok) as the document it asks for (the label PDF or a QR code); where
 * it wants none, say why, and refund a label bought for a return later rejected or cancelled. Exactly one label per return: the return_labels row remembers the provider's shipment as
 * soon as it exists, what was bought and whether the marketplace has it, so redeliveries and retries
 * continue where the last attempt stopped.
 */
@Component("returnLabels")
public class ReturnLabels {

    private static final Logger log = LoggerFactory.getLogger(ReturnLabels.class);

    static final String QR_CODE = "QR_CODE";
    static final String SHIPPING_LABEL = "SHIPPING_LABEL";

    private final ReturnLabelStore store;
    private final EasyPostClient provider;
    private final LabelProperties labels;
    private final MerchantStore merchants;
    private final ShopifyStores shopifyStores;
    private final ShopifyOrders shopifyOrders;
    private final MarketplaceLabels marketplace;
    private final ObjectMapper json;
    private final ReturnLabelReadiness readiness;

    public ReturnLabels(ReturnLabelStore store, EasyPostClient provider, LabelProperties labels, MerchantStore merchants,
                        ShopifyStores shopifyStores, ShopifyOrders shopifyOrders, MarketplaceLabels marketplace,
                        ObjectMapper json, ReturnLabelReadiness readiness) {
        this.store = store;
        this.provider = provider;
        this.labels = labels;
        this.merchants = merchants;
        this.shopifyStores = shopifyStores;
        this.shopifyOrders = shopifyOrders;
        this.marketplace = marketplace;
        this.json = json;
        this.readiness = readiness;
    }

    /**
     * What a label is decided on: the return and its merchant, from a "return created" or a "return
     * status changed" event (both name them so).
     */
    public record Trigger(String returnId, String merchantId) {
    }

    public Trigger trigger(String body) {
        try {
            JsonNode event = json.readTree(body);
            String returnId = event.path("returnId").asText("");
            String merchantId = event.path("merchantId").asText("");
            if (returnId.isBlank() || merchantId.isBlank()) {
                throw new PermanentFailureException("the event names no return or merchant");
            }
            return new Trigger(returnId, merchantId);
        } catch (IOException e) {
            throw new PermanentFailureException("not a return event: " + e.getMessage());
        }
    }

    /** The merchant uses return labels. */
    public boolean usesLabels(Trigger trigger) {
        return merchants.find(trigger.merchantId()).map(m -> m.returns() != null && m.returns().useRedoReturnLabels())
                .orElse(false);
    }

    /** Whether the return's marketplace waits for the seller's label now, read afresh there. */
    public MarketplaceLabels.LabelNeed need(Trigger trigger) {
        ReturnFacts facts = facts(trigger.returnId());
        return marketplace.need(trigger.merchantId(), facts.shopId(), facts.sourceReturnId());
    }

    /** The bought label of the return: bought now, or found bought by an earlier attempt. */
    public Label purchase(Trigger trigger) {
        ReturnFacts facts = facts(trigger.returnId());
        Label label = store.begin(trigger.returnId(), documentType(facts));
        if (label.status() == Status.UPLOADED || label.status() == Status.PURCHASED || label.status() == Status.REFUNDED) {
            return label;
        }
        return recording(trigger.returnId(), () -> buy(trigger, label));
    }

    /** Uploads the bought label to the return's marketplace, unless it is there already. */
    public void upload(Trigger trigger, Label label) {
        if (label.status() == Status.UPLOADED || label.status() == Status.REFUNDED) {
            log.info("Return label of return {} is already on TikTok (or refunded)", trigger.returnId());
            return;
        }
        recording(trigger.returnId(), () -> {
            send(trigger.merchantId(), facts(trigger.returnId()), label);
            store.uploaded(trigger.returnId());
            log.info("Return label of return {} ({} {}) uploaded to TikTok", trigger.returnId(), label.carrier(),
                    label.trackingNumber());
            return null;
        });
    }

    /**
     * No seller label for this return: recorded NOT_NEEDED with the reason; a label bought before
     * (the return was approved, then rejected or cancelled) is refunded at the provider, so the
     * merchant does not pay for postage nobody will use.
     */
    public void noLabel(Trigger trigger, MarketplaceLabels.LabelNeed need) {
        Optional<Label> existing = store.find(trigger.returnId());
        if (existing.isPresent() && existing.get().status() == Status.REFUNDED) {
            return;
        }
        if (existing.isPresent() && (existing.get().status() == Status.PURCHASED || existing.get().status() == Status.UPLOADED)) {
            recording(trigger.returnId(), () -> {
                refund(existing.get().shipmentId(), trigger.returnId(), need.reason());
                return null;
            });
            return;
        }
        store.notNeeded(trigger.returnId(), documentType(facts(trigger.returnId())), need.reason());
        log.info("No return label needed for return {}: {}", trigger.returnId(), need.reason());
    }

    /** Asked once: a refund the provider has already (a redelivery, a retry) is not asked again. */
    private void refund(String shipmentId, String returnId, String reason) {
        JsonNode shipment = provider.shipment(shipmentId);
        JsonNode refunded = shipment.hasNonNull("refund_status") ? shipment : provider.refund(shipmentId);
        store.refunded(returnId, reason + "; label refund " + refunded.path("refund_status").asText("requested")
                + " at the provider");
        log.info("Return label of return {} refunded at the provider ({}): {}", returnId,
                refunded.path("refund_status").asText(), reason);
    }

    private Label buy(Trigger event, Label label) {
        String shipmentId = label.shipmentId();
        JsonNode shipment;
        if (shipmentId == null) {
            shipment = provider.createReturnShipment(buyerAddress(event), merchantAddress(event), event.returnId());
            shipmentId = shipment.path("id").asText();
            store.shipmentCreated(event.returnId(), shipmentId);
        } else {
            shipment = provider.shipment(shipmentId);
        }
        if (!isBought(shipment)) {
            shipment = buyOnce(shipmentId, chooseRate(shipment));
        }
        String documentUrl = QR_CODE.equals(label.documentType()) ? qrCodeUrl(shipmentId, shipment) : labelUrl(shipment);
        String carrier = shipment.path("selected_rate").path("carrier").asText(null);
        String tracking = shipment.path("tracking_code").asText(null);
        store.purchased(event.returnId(), carrier, tracking, documentUrl);
        log.info("Return label bought for return {}: {} {}", event.returnId(), carrier, tracking);
        return store.find(event.returnId()).orElseThrow();
    }

    /** Buying a shipment bought meanwhile (a racing delivery) is refused: read it back instead. */
    private JsonNode buyOnce(String shipmentId, String rateId) {
        try {
            return provider.buy(shipmentId, rateId);
        } catch (EasyPostClient.ProviderRejectedException refused) {
            JsonNode current = provider.shipment(shipmentId);
            if (isBought(current)) {
                return current;
            }
            throw refused;
        }
    }

    private static boolean isBought(JsonNode shipment) {
        return !shipment.path("tracking_code").asText("").isEmpty() && shipment.path("postage_label").isObject();
    }

    /** The configured carrier (and service) if offered, else the cheapest rate. */
    private String chooseRate(JsonNode shipment) {
        Comparator<JsonNode> cheapest = Comparator.comparingDouble(rate -> rate.path("rate").asDouble(Double.MAX_VALUE));
        java.util.List<JsonNode> rates = new java.util.ArrayList<>();
        shipment.path("rates").forEach(rates::add);
        if (rates.isEmpty()) {
            throw new PermanentFailureException("the label provider offers no rate for shipment " + shipment.path("id").asText()
                    + messages(shipment));
        }
        // only a carrier TikTok has a return_provider_id for can be uploaded
        rates.removeIf(rate -> readiness.providerId(rate.path("carrier").asText()).isEmpty());
        if (rates.isEmpty()) {
            throw new PermanentFailureException("the label provider offers no rate of a carrier with a TikTok return_provider_id"
                    + " (labels.return-provider-ids) for shipment " + shipment.path("id").asText());
        }
        Optional<JsonNode> preferred = rates.stream()
                .filter(rate -> labels.carrier().isBlank() || labels.carrier().equalsIgnoreCase(rate.path("carrier").asText()))
                .filter(rate -> labels.service().isBlank() || labels.service().equalsIgnoreCase(rate.path("service").asText()))
                .min(cheapest);
        return preferred.orElseGet(() -> rates.stream().min(cheapest).orElseThrow()).path("id").asText();
    }

    private static String messages(JsonNode shipment) {
        JsonNode messages = shipment.path("messages");
        return messages.isEmpty() ? "" : ": " + messages;
    }

    private static String labelUrl(JsonNode shipment) {
        JsonNode postage = shipment.path("postage_label");
        String pdf = postage.path("label_pdf_url").asText("");
        return pdf.isEmpty() ? postage.path("label_url").asText(null) : pdf;
    }

    /**
     * EasyPost issues QR codes as a "label_qr_code" form of a bought shipment (USPS only, per its
     * Form guide). The form may exist from an earlier attempt: it is looked up first.
     */
    private String qrCodeUrl(String shipmentId, JsonNode shipment) {
        Optional<String> existing = qrForm(shipment);
        if (existing.isPresent()) {
            return existing.get();
        }
        JsonNode answer = provider.createLabelQrCode(shipmentId);
        return qrForm(answer).or(() -> Optional.ofNullable(answer.path("form_url").asText(null)))
                .orElseThrow(() -> new PermanentFailureException("the label provider gave no QR code for shipment " + shipmentId));
    }

    private static Optional<String> qrForm(JsonNode shipment) {
        for (JsonNode form : shipment.path("forms")) {
            if ("label_qr_code".equals(form.path("form_type").asText())) {
                return Optional.of(form.path("form_url").asText());
            }
        }
        return Optional.empty();
    }

    private void send(String merchantId, ReturnFacts facts, Label label) {
        byte[] document = provider.download(label.documentUrl());
        String providerId = label.carrier() == null ? null : readiness.providerId(label.carrier()).orElse(null);
        marketplace.upload(new MarketplaceLabels.LabelDocument(ReturnSource.TIKTOK, merchantId, facts.shopId(), facts.sourceReturnId(),
                QR_CODE.equals(label.documentType()), document, label.trackingNumber(), label.carrier(), providerId));
    }

    private EasyPostClient.Address buyerAddress(Trigger event) {
        ReturnFacts facts = facts(event.returnId());
        if (facts.shopifyOrderId() == null) {
            throw new PermanentFailureException("return " + event.returnId()
                    + " has no Shopify order: no buyer address to send a return label from");
        }
        ShopifyOrder order = shopifyOrders.findForTikTokOrder(shopifyStores.forMerchant(event.merchantId()),
                facts.sourceOrderId(), null).orElseThrow();
        ShopifyOrder.Address a = order.shippingAddress();
        if (a == null || a.address1() == null) {
            throw new PermanentFailureException("Shopify order " + order.name() + " has no shipping address");
        }
        return new EasyPostClient.Address(a.name(), a.address1(), a.address2(), a.city(), a.provinceCode(), a.zip(),
                a.countryCode(), a.phone());
    }

    private EasyPostClient.Address merchantAddress(Trigger event) {
        Merchant merchant = merchants.find(event.merchantId())
                .orElseThrow(() -> new PermanentFailureException("no merchant " + event.merchantId()));
        Merchant.ReturnAddress a = merchant.returns() == null ? null : merchant.returns().returnAddress();
        if (a == null || a.line1() == null) {
            throw new PermanentFailureException("merchant " + event.merchantId() + " has no returns.returnAddress");
        }
        return new EasyPostClient.Address(a.name(), a.line1(), a.line2(), a.city(), a.province(), a.zip(), a.country(),
                a.phone());
    }

    private ReturnFacts facts(String returnId) {
        return store.facts(returnId)
                .orElseThrow(() -> new PermanentFailureException("no return " + returnId));
    }

    /** TikTok asks for a QR code by any type starting QR_CODE (QR_CODE, and market variants such as QR_CODE_NBNL). */
    private static String documentType(ReturnFacts facts) {
        return facts.documentType() != null && facts.documentType().startsWith(QR_CODE) ? QR_CODE : SHIPPING_LABEL;
    }

    /** Writes why the label is late (retrying) or failed (final) on its row, then lets the policy act. */
    private <T> T recording(String returnId, Supplier<T> work) {
        try {
            return work.get();
        } catch (RetryLaterException later) {
            store.retrying(returnId, later.getMessage());
            throw later;
        } catch (RuntimeException failed) {
            if (failed instanceof PermanentFailureException) {
                store.failed(returnId, failed.getMessage());
            } else {
                store.retrying(returnId, failed.getMessage());
            }
            throw failed;
        }
    }
}
