package io.returnflow.sandbox;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.imageio.ImageIO;

import jakarta.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A return label provider speaking EasyPost's REST API (the subset the service uses): shipments
 * with rates, buying a rate once, the USPS "label_qr_code" form, and the label files themselves
 * (a small real PDF, a PNG QR-like image). Checks HTTP Basic auth with {@code labels.api-key}.
 */
@RestController
@ConditionalOnProperty("sandbox.enabled")
class SandboxLabelProvider {

    static final String PREFIX = "/sandbox/labels";

    private final Map<String, Map<String, Object>> shipments = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(System.currentTimeMillis());
    private final String apiKey;

    SandboxLabelProvider(@Value("${labels.api-key:}") String apiKey) {
        this.apiKey = apiKey;
    }

    @PostMapping(PREFIX + "/v2/shipments")
    ResponseEntity<Object> create(HttpServletRequest request, @RequestBody JsonNode body) {
        if (!authorised(request)) {
            return unauthorised();
        }
        JsonNode s = body.path("shipment");
        String id = "shp_" + next();
        boolean isReturn = s.path("is_return").asBoolean(false);
        Map<String, Object> shipment = new LinkedHashMap<>();
        shipment.put("object", "Shipment");
        shipment.put("id", id);
        shipment.put("mode", "test");
        shipment.put("reference", s.path("reference").asText(null));
        shipment.put("is_return", isReturn);
        // EasyPost swaps the outbound addresses of a return shipment
        shipment.put("to_address", isReturn ? s.path("from_address") : s.path("to_address"));
        shipment.put("from_address", isReturn ? s.path("to_address") : s.path("from_address"));
        shipment.put("parcel", s.path("parcel"));
        shipment.put("rates", List.of(rate(id, "USPS", "GroundAdvantage", "6.90"), rate(id, "USPS", "Priority", "9.40"),
                rate(id, "UPS", "Ground", "11.20")));
        shipment.put("selected_rate", null);
        shipment.put("postage_label", null);
        shipment.put("tracking_code", null);
        shipment.put("forms", new ArrayList<>());
        shipments.put(id, shipment);
        return ResponseEntity.status(HttpStatus.CREATED).body(shipment);
    }

    @GetMapping(PREFIX + "/v2/shipments/{id}")
    ResponseEntity<Object> get(HttpServletRequest request, @PathVariable String id) {
        if (!authorised(request)) {
            return unauthorised();
        }
        Map<String, Object> shipment = shipments.get(id);
        return shipment == null ? notFound() : ResponseEntity.ok(shipment);
    }

    @PostMapping(PREFIX + "/v2/shipments/{id}/buy")
    ResponseEntity<Object> buy(HttpServletRequest request, @PathVariable String id, @RequestBody JsonNode body) {
        if (!authorised(request)) {
            return unauthorised();
        }
        Map<String, Object> shipment = shipments.get(id);
        if (shipment == null) {
            return notFound();
        }
        synchronized (shipment) {
            if (shipment.get("tracking_code") != null) {
                return error(HttpStatus.UNPROCESSABLE_ENTITY, "SHIPMENT.POSTAGE.EXISTS", "Shipment already has postage");
            }
            String rateId = body.path("rate").path("id").asText();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rates = (List<Map<String, Object>>) shipment.get("rates");
            Map<String, Object> rate = rates.stream().filter(r -> rateId.equals(r.get("id"))).findFirst().orElse(null);
            if (rate == null) {
                return error(HttpStatus.UNPROCESSABLE_ENTITY, "SHIPMENT.RATE.INVALID", "Rate " + rateId + " is not a rate of " + id);
            }
            String base = baseUrl(request);
            shipment.put("selected_rate", rate);
            shipment.put("tracking_code", "9400SBX" + next());
            shipment.put("postage_label", Map.of("object", "PostageLabel", "label_file_type", "application/pdf",
                    "label_url", base + "/files/" + id + ".pdf", "label_pdf_url", base + "/files/" + id + ".pdf"));
            return ResponseEntity.ok(shipment);
        }
    }

    /**
     * EasyPost's refund of a bought, unused label: the shipment answers with {@code refund_status}
     * "submitted" (the carrier then confirms or refuses); asking again changes nothing; a shipment
     * without postage has nothing to refund.
     */
    @PostMapping(PREFIX + "/v2/shipments/{id}/refund")
    ResponseEntity<Object> refund(HttpServletRequest request, @PathVariable String id) {
        if (!authorised(request)) {
            return unauthorised();
        }
        Map<String, Object> shipment = shipments.get(id);
        if (shipment == null) {
            return notFound();
        }
        synchronized (shipment) {
            if (shipment.get("tracking_code") == null) {
                return error(HttpStatus.UNPROCESSABLE_ENTITY, "SHIPMENT.REFUND.UNAVAILABLE", "Shipment " + id + " has no postage to refund");
            }
            shipment.putIfAbsent("refund_status", "submitted");
            return ResponseEntity.ok(shipment);
        }
    }

    @PostMapping(PREFIX + "/v2/shipments/{id}/forms")
    ResponseEntity<Object> form(HttpServletRequest request, @PathVariable String id, @RequestBody JsonNode body) {
        if (!authorised(request)) {
            return unauthorised();
        }
        Map<String, Object> shipment = shipments.get(id);
        if (shipment == null) {
            return notFound();
        }
        if (!"label_qr_code".equals(body.path("form").path("type").asText())) {
            return error(HttpStatus.UNPROCESSABLE_ENTITY, "FORM.TYPE.INVALID", "the sandbox makes label_qr_code forms only");
        }
        if (shipment.get("tracking_code") == null) {
            return error(HttpStatus.UNPROCESSABLE_ENTITY, "SHIPMENT.POSTAGE.REQUIRED", "buy the shipment first");
        }
        @SuppressWarnings("unchecked")
        List<Object> forms = (List<Object>) shipment.get("forms");
        synchronized (forms) {
            if (forms.isEmpty()) {
                forms.add(Map.of("object", "Form", "id", "form_" + next(), "form_type", "label_qr_code",
                        "form_url", baseUrl(request) + "/files/" + id + "-qr.png"));
            }
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(shipment);
    }

    /** Label and form files, public like EasyPost's. */
    @GetMapping(PREFIX + "/files/{name}")
    ResponseEntity<byte[]> file(@PathVariable String name) {
        String id = name.replaceAll("(-qr)?\\.(pdf|png)$", "");
        Map<String, Object> shipment = shipments.get(id);
        if (shipment == null || shipment.get("tracking_code") == null) {
            return ResponseEntity.notFound().build();
        }
        String tracking = (String) shipment.get("tracking_code");
        if (name.endsWith(".png")) {
            return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(qrImage(tracking));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF).body(pdf("Sandbox return label " + tracking));
    }

    /** For tests and demos: the shipments made for a reference (the service's return id). */
    @GetMapping(PREFIX + "/shipments")
    List<Map<String, Object>> byReference(@RequestParam String reference) {
        return shipments.values().stream().filter(s -> reference.equals(s.get("reference"))).toList();
    }

    private boolean authorised(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.startsWith("Basic ") || apiKey.isBlank()) {
            return false;
        }
        String user = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        return user.equals(apiKey + ":");
    }

    private static ResponseEntity<Object> unauthorised() {
        return error(HttpStatus.UNAUTHORIZED, "APIKEY.INACTIVE", "This api key is no longer active");
    }

    private static ResponseEntity<Object> notFound() {
        return error(HttpStatus.NOT_FOUND, "SHIPMENT.NOT_FOUND", "The requested resource could not be found");
    }

    private static ResponseEntity<Object> error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).body(Map.of("error", Map.of("code", code, "message", message, "errors", List.of())));
    }

    private Map<String, Object> rate(String shipmentId, String carrier, String service, String amount) {
        return Map.of("object", "Rate", "id", "rate_" + next(), "shipment_id", shipmentId, "carrier", carrier,
                "service", service, "rate", amount, "currency", "USD");
    }

    private long next() {
        return ids.incrementAndGet();
    }

    private static String baseUrl(HttpServletRequest request) {
        return request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort() + PREFIX;
    }

    /** A one-page PDF with one line of text: small, but real (opens in any viewer). */
    static byte[] pdf(String text) {
        String stream = "BT /F1 18 Tf 36 200 Td (" + text.replaceAll("[()\\\\]", "") + ") Tj ET";
        List<String> objects = List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 288 432] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
                "<< /Length " + stream.length() + " >>\nstream\n" + stream + "\nendstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
        offsets.forEach(offset -> pdf.append(String.format("%010d 00000 n \n", offset)));
        pdf.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A 21x21-module black and white PNG derived from the tracking number (looks like a QR code, is not one). */
    static byte[] qrImage(String tracking) {
        int modules = 21;
        int scale = 8;
        BufferedImage image = new BufferedImage(modules * scale, modules * scale, BufferedImage.TYPE_BYTE_BINARY);
        long seed = tracking.hashCode();
        for (int y = 0; y < modules; y++) {
            for (int x = 0; x < modules; x++) {
                seed = seed * 6364136223846793005L + 1442695040888963407L;
                boolean dark = (seed >>> 33 & 1) == 1;
                int rgb = (dark ? Color.BLACK : Color.WHITE).getRGB();
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        image.setRGB(x * scale + dx, y * scale + dy, rgb);
                    }
                }
            }
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
