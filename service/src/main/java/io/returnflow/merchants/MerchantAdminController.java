package io.returnflow.merchants;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Operators manage merchants and their API keys (admin token only, see SecurityConfiguration). */
@RestController
@RequestMapping("/api/admin/merchants/{merchantId}")
class MerchantAdminController {

    private static final Logger log = LoggerFactory.getLogger(MerchantAdminController.class);

    private final MerchantDocuments documents;
    private final MerchantStore merchants;
    private final MerchantApiKeys apiKeys;
    private final MerchantErasure erasure;
    private final Clock clock;

    MerchantAdminController(MerchantDocuments documents, MerchantStore merchants, MerchantApiKeys apiKeys,
                            MerchantErasure erasure, Clock clock) {
        this.documents = documents;
        this.merchants = merchants;
        this.apiKeys = apiKeys;
        this.erasure = erasure;
        this.clock = clock;
    }

    /** 201 when created, 200 when replaced; answers the merchant as GET would. */
    @PutMapping
    ResponseEntity<MerchantDocument> put(@PathVariable String merchantId, @RequestBody(required = false) MerchantDocument doc) {
        boolean created = documents.save(merchantId, doc);
        log.info("Merchant {} {}", merchantId, created ? "created" : "replaced");
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(get(merchantId));
    }

    /**
     * Erases the merchant and everything kept for it ({@link MerchantErasure}): 204; 404 when there
     * is no such merchant, so a second DELETE answers 404.
     */
    @DeleteMapping
    ResponseEntity<Void> erase(@PathVariable String merchantId) {
        if (!erasure.erase(merchantId)) {
            throw unknown(merchantId);
        }
        log.info("Merchant {} erased", merchantId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping
    MerchantDocument get(@PathVariable String merchantId) {
        return documents.find(merchantId).orElseThrow(() -> unknown(merchantId));
    }

    /** @param expiresAt when the key stops working; absent (or no body) for a key that does not expire */
    record NewKey(Instant expiresAt) {
    }

    /**
     * The key that was issued: {@code apiKey} is in this answer and nowhere else (only its hash is
     * stored), with the key's id, prefix, creation and expiry as listed.
     */
    record IssuedKey(String apiKey, String id, String prefix, Instant createdAt, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedKey[apiKey=****, id=" + id + ", prefix=" + prefix + "]";
        }
    }

    @PostMapping("/api-keys")
    ResponseEntity<IssuedKey> createApiKey(@PathVariable String merchantId, @RequestBody(required = false) NewKey request) {
        requireMerchant(merchantId);
        Instant expiresAt = request == null ? null : request.expiresAt();
        if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "expiresAt must be in the future");
        }
        MerchantApiKeys.IssuedKey issued = apiKeys.create(merchantId, expiresAt);
        log.info("API key {} ({}...) issued for merchant {}{}", issued.key().id(), issued.key().prefix(), merchantId,
                expiresAt == null ? "" : ", expiring " + expiresAt);
        MerchantApiKeys.ApiKey key = issued.key();
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new IssuedKey(issued.apiKey(), key.id(), key.prefix(), key.createdAt(), key.expiresAt()));
    }

    /** Every key of the merchant: id, prefix, created, expires, last used; never the key. */
    @GetMapping("/api-keys")
    List<MerchantApiKeys.ApiKey> apiKeys(@PathVariable String merchantId) {
        requireMerchant(merchantId);
        return apiKeys.list(merchantId);
    }

    /** Revokes the key at once: its next request is refused. 204, or 404 when the merchant has no such key. */
    @DeleteMapping("/api-keys/{keyId}")
    ResponseEntity<Void> revokeApiKey(@PathVariable String merchantId, @PathVariable String keyId) {
        if (!apiKeys.revoke(merchantId, keyId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "merchant " + merchantId + " has no API key " + keyId);
        }
        log.info("API key {} of merchant {} revoked", keyId, merchantId);
        return ResponseEntity.noContent().build();
    }

    private void requireMerchant(String merchantId) {
        if (!merchants.exists(merchantId)) {
            throw unknown(merchantId);
        }
    }

    private static ResponseStatusException unknown(String merchantId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no merchant " + merchantId);
    }
}
