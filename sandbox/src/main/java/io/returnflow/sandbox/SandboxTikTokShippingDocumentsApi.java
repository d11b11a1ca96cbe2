package io.returnflow.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.server.ResponseStatusException;

/**
 * The sandbox TikTok's seller return label upload (202405 shipping_documents, multipart, the body
 * unsigned). Keeps what each return got; a second upload answers 25021022 (already uploaded), a
 * document other than a PDF for a return that takes PDFs only 25021023.
 */
@RestController
@ConditionalOnProperty("sandbox.enabled")
class SandboxTikTokShippingDocumentsApi {

    static final long ALREADY_UPLOADED = 25021022L;
    /** TikTok: the document must be a PDF (for returns whose market takes PDFs only). */
    static final long PDF_ONLY = 25021023L;
    /** The return takes no seller shipping document now (code unverified: TikTok publishes no full error list). */
    static final long NOT_EXPECTED = 25021020L;

    /** What TikTok received for a return. */
    record Upload(String part, String fileName, String contentType, int size, String header, String trackingNumber,
                  String returnProviderId) {
    }

    private final Map<String, List<Upload>> uploads = new ConcurrentHashMap<>();
    private final SandboxData data;
    private final SandboxSignatureCheck signatures;

    SandboxTikTokShippingDocumentsApi(SandboxData data, SandboxSignatureCheck signatures) {
        this.data = data;
        this.signatures = signatures;
    }

    @PostMapping(SandboxSignatureCheck.API_PREFIX + "/return_refund/202405/returns/shipping_documents")
    Map<String, Object> upload(HttpServletRequest request) throws IOException {
        Map<String, Object> problem = signatures.problem(request, null, true);
        if (problem != null) {
            return problem;
        }
        String returnId = request.getParameter("return_ids");
        if (returnId == null || data.findReturn(returnId).isEmpty()) {
            return SandboxEnvelope.error(25001001, "Return not found");
        }
        // a seller's document is taken only while the buyer is to ship, and not where TikTok ships itself
        if (data.isPlatformShipped(returnId)) {
            return SandboxEnvelope.error(NOT_EXPECTED, "TikTok ships this return itself: no seller shipping document is taken");
        }
        if (!"AWAITING_BUYER_SHIP".equals(data.findReturn(returnId).get().returnStatus())) {
            return SandboxEnvelope.error(NOT_EXPECTED, "The return is not awaiting the buyer's shipment");
        }
        if (!(request instanceof MultipartHttpServletRequest multipart)) {
            return SandboxEnvelope.error(36009004, "multipart/form-data expected");
        }
        MultipartFile label = multipart.getFile("return_shipping_label");
        MultipartFile qr = multipart.getFile("return_qr_code");
        MultipartFile file = label != null ? label : qr;
        String tracking = multipart.getParameter("tracking_number");
        String providerId = multipart.getParameter("return_provider_id");
        // TikTok's upload guide marks tracking_number and return_provider_id required
        if (file == null || file.isEmpty() || tracking == null || tracking.isBlank() || providerId == null || providerId.isBlank()) {
            return SandboxEnvelope.error(36009004,
                    "return_shipping_label or return_qr_code, tracking_number and return_provider_id are required");
        }
        if (data.takesPdfDocumentsOnly(returnId) && !isPdf(file.getBytes())) {
            return SandboxEnvelope.error(PDF_ONLY, "Only PDF files are supported for this return's shipping document");
        }
        List<Upload> received = uploads.computeIfAbsent(returnId, id -> new CopyOnWriteArrayList<>());
        synchronized (received) {
            if (!received.isEmpty()) {
                return SandboxEnvelope.error(ALREADY_UPLOADED, "The return shipping document has already been uploaded");
            }
            byte[] bytes = file.getBytes();
            String header = new String(bytes, 0, Math.min(8, bytes.length), StandardCharsets.ISO_8859_1);
            received.add(new Upload(label != null ? "return_shipping_label" : "return_qr_code", file.getOriginalFilename(),
                    file.getContentType(), bytes.length, header, tracking, providerId));
        }
        return SandboxEnvelope.ok(Map.of());
    }

    private static boolean isPdf(byte[] bytes) {
        return bytes.length >= 5 && new String(bytes, 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-");
    }

    /** For tests and demos: what the return's seller uploaded, in order. */
    @GetMapping("/sandbox/tiktok/returns/{returnId}/shipping-documents")
    List<Upload> uploaded(@PathVariable String returnId) {
        if (data.findReturn(returnId).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no sandbox return " + returnId);
        }
        return uploads.getOrDefault(returnId, List.of());
    }
}
