package io.returnflow.labels;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.returnflow.messaging.PermanentFailureException;
import io.returnflow.partners.PartnerCircuitBreakers;
import io.returnflow.partners.PartnerHttp;
import io.returnflow.partners.PartnerRejectedException;
import io.returnflow.partners.PartnerUnavailableException;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * EasyPost's REST API (https://docs.easypost.com), the return label provider: create a shipment
 * with {@code is_return: true}, buy one of its rates, read it back, ask for its USPS label QR code
 * form, download the label or QR code. HTTP Basic auth with the API key as user name. 429, 5xx and
 * timeouts are {@link PartnerUnavailableException} (retried later); other 4xx are final.
 */
@Component
public class EasyPostClient {

    static final String PARTNER = "Labels";

    private final RestClient http;
    private final LabelProperties labels;
    private final ObjectMapper json;
    private final PartnerCircuitBreakers breakers;

    public EasyPostClient(LabelProperties labels, ObjectMapper json, PartnerCircuitBreakers breakers) {
        this.http = PartnerHttp.restClient("", Duration.ofSeconds(3), Duration.ofSeconds(30));
        this.labels = labels;
        this.json = json;
        this.breakers = breakers;
    }

    /** An address as EasyPost takes it. */
    public record Address(String name, String street1, String street2, String city, String state, String zip,
                          String country, String phone) {

        Map<String, Object> asJson() {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("name", name);
            a.put("street1", street1);
            a.put("street2", street2);
            a.put("city", city);
            a.put("state", state);
            a.put("zip", zip);
            a.put("country", country);
            a.put("phone", phone);
            return a;
        }
    }

    /**
     * A return shipment. EasyPost's Returns guide: send the addresses of the outbound shipment
     * ({@code to} = the buyer, {@code from} = the merchant) with {@code is_return: true}, and
     * EasyPost swaps them, so the label goes from the buyer to the merchant.
     */
    public JsonNode createReturnShipment(Address buyer, Address merchant, String reference) {
        LabelProperties.Parcel parcel = labels.parcel();
        Map<String, Object> shipment = new LinkedHashMap<>();
        shipment.put("to_address", buyer.asJson());
        shipment.put("from_address", merchant.asJson());
        shipment.put("parcel", Map.of("length", parcel.length(), "width", parcel.width(), "height", parcel.height(),
                "weight", parcel.weight()));
        shipment.put("is_return", true);
        shipment.put("reference", reference);
        shipment.put("options", Map.of("label_format", "PDF"));
        return send("POST", "/v2/shipments", Map.of("shipment", shipment));
    }

    public JsonNode shipment(String shipmentId) {
        return send("GET", "/v2/shipments/" + shipmentId, null);
    }

    public JsonNode buy(String shipmentId, String rateId) {
        return send("POST", "/v2/shipments/" + shipmentId + "/buy", Map.of("rate", Map.of("id", rateId)));
    }

    /** EasyPost's "label_qr_code" form (USPS Label Broker), created after the shipment is bought. */
    /** EasyPost's refund of a bought label nobody will use: answers the shipment with its {@code refund_status}. */
    public JsonNode refund(String shipmentId) {
        return send("POST", "/v2/shipments/" + shipmentId + "/refund", Map.of());
    }

    public JsonNode createLabelQrCode(String shipmentId) {
        return send("POST", "/v2/shipments/" + shipmentId + "/forms", Map.of("form", Map.of("type", "label_qr_code")));
    }

    /**
     * A label or form file; EasyPost serves them from plain (unauthenticated) URLs. Only from the
     * provider's hosts: a URL in an answer must not make the service fetch anything else.
     */
    public byte[] download(String url) {
        URI file = fileUri(url);
        return breakers.call(PARTNER, "GET label file", () -> {
            try {
                return http.get().uri(file).exchange((request, response) -> {
                    int status = response.getStatusCode().value();
                    byte[] body = response.getBody().readAllBytes();
                    if (status == 429 || status >= 500) {
                        throw new PartnerUnavailableException(PARTNER, "HTTP " + status + " downloading a label",
                                PartnerHttp.retryAfter(response.getHeaders().getFirst("Retry-After")), null);
                    }
                    if (status >= 400) {
                        throw new PartnerRejectedException(PARTNER, String.valueOf(status), "a label file on " + file.getHost() + " was not served");
                    }
                    return body;
                });
            } catch (ResourceAccessException e) {
                throw new PartnerUnavailableException(PARTNER, "no answer downloading a label: " + e.getMessage(), null, e);
            }
        });
    }

    /** The file's URL when it is https on one of {@code labels.file-hosts}, or on the provider's own host. */
    URI fileUri(String url) {
        URI provider = URI.create(labels.providerUrl());
        URI file;
        try {
            file = URI.create(url);
        } catch (IllegalArgumentException notAUri) {
            throw new PermanentFailureException("the label file's URL is not a URL");
        }
        String host = file.getHost() == null ? "" : file.getHost().toLowerCase(Locale.ROOT);
        boolean fileHost = "https".equalsIgnoreCase(file.getScheme())
                && labels.fileHosts().stream().anyMatch(allowed -> allowed.equalsIgnoreCase(host));
        boolean providerHost = host.equalsIgnoreCase(provider.getHost()) && file.getPort() == provider.getPort()
                && Objects.equals(file.getScheme(), provider.getScheme());
        if (file.getUserInfo() != null || !fileHost && !providerHost) {
            throw new PermanentFailureException("the label file is on " + (host.isEmpty() ? "no host" : host)
                    + ", not on the provider's hosts (labels.file-hosts): not downloaded");
        }
        return file;
    }

    private JsonNode send(String method, String path, Object body) {
        if (labels.apiKey() == null || labels.apiKey().isBlank()) {
            throw new PermanentFailureException("labels.api-key is not set: no return label can be bought");
        }
        String auth = "Basic " + Base64.getEncoder().encodeToString((labels.apiKey() + ":").getBytes(StandardCharsets.UTF_8));
        URI uri = URI.create(labels.providerUrl().replaceAll("/+$", "") + path);
        return breakers.call(PARTNER, method + " " + path, () -> {
            try {
                RestClient.RequestBodySpec request = http.method(org.springframework.http.HttpMethod.valueOf(method)).uri(uri)
                        .header("Authorization", auth)
                        .accept(MediaType.APPLICATION_JSON);
                if (body != null) {
                    request.contentType(MediaType.APPLICATION_JSON).body(body);
                }
                return request.exchange((req, response) -> read(path, response.getStatusCode().value(),
                        response.getHeaders().getFirst("Retry-After"), response.getBody().readAllBytes()));
            } catch (ResourceAccessException e) {
                throw new PartnerUnavailableException(PARTNER, "no answer on " + path + ": " + e.getMessage(), null, e);
            }
        });
    }

    private JsonNode read(String path, int status, String retryAfter, byte[] body) {
        if (status == 429 || status >= 500) {
            throw new PartnerUnavailableException(PARTNER, "HTTP " + status + " on " + path, PartnerHttp.retryAfter(retryAfter), null);
        }
        JsonNode answer;
        try {
            answer = json.readTree(body);
        } catch (IOException e) {
            throw new PartnerUnavailableException(PARTNER, "unreadable answer (HTTP " + status + ") on " + path, null, e);
        }
        if (status >= 400) {
            // EasyPost errors: {"error": {"code": "...", "message": "...", "errors": [...]}}
            JsonNode error = answer.path("error");
            throw new ProviderRejectedException(error.path("code").asText(String.valueOf(status)),
                    error.path("message").asText("HTTP " + status) + " on " + path);
        }
        return answer;
    }

    /** EasyPost refused the call (4xx): {@code code} is EasyPost's error code, e.g. SHIPMENT.POSTAGE.EXISTS. */
    public static class ProviderRejectedException extends PartnerRejectedException {
        public ProviderRejectedException(String code, String message) {
            super(PARTNER, code, message);
        }
    }
}
