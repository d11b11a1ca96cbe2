package io.returnflow.merchants;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Operators manage merchants and issue their API keys (admin token only, see SecurityConfiguration). */
@RestController
@RequestMapping("/api/admin/merchants/{merchantId}")
class MerchantAdminController {

    private static final Logger log = LoggerFactory.getLogger(MerchantAdminController.class);

    private final MerchantDocuments documents;
    private final MerchantStore merchants;
    private final MerchantApiKeys apiKeys;

    MerchantAdminController(MerchantDocuments documents, MerchantStore merchants, MerchantApiKeys apiKeys) {
        this.documents = documents;
        this.merchants = merchants;
        this.apiKeys = apiKeys;
    }

    /** 201 when created, 200 when replaced; answers the merchant as GET would. */
    @PutMapping
    ResponseEntity<MerchantDocument> put(@PathVariable String merchantId, @RequestBody(required = false) MerchantDocument doc) {
        boolean created = documents.save(merchantId, doc);
        log.info("Merchant {} {}", merchantId, created ? "created" : "replaced");
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(get(merchantId));
    }

    @GetMapping
    MerchantDocument get(@PathVariable String merchantId) {
        return documents.find(merchantId).orElseThrow(() -> unknown(merchantId));
    }

    /** The key is in this answer and nowhere else: only its hash is stored. */
    @PostMapping("/api-keys")
    ResponseEntity<Map<String, String>> createApiKey(@PathVariable String merchantId) {
        if (!merchants.exists(merchantId)) {
            throw unknown(merchantId);
        }
        String key = apiKeys.create(merchantId);
        log.info("API key issued for merchant {}", merchantId);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("apiKey", key));
    }

    private static ResponseStatusException unknown(String merchantId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no merchant " + merchantId);
    }
}
