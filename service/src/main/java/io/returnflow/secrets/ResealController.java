package io.returnflow.secrets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/admin/secrets/reseal} (admin): after a key rotation (the new key in
 * {@code app.encryption-key}, the old one in {@code app.previous-encryption-keys}), rewrites every
 * seal under the current key, bound to its merchant and field; then the old key can be dropped.
 * Idempotent: a second run rewrites nothing.
 */
@RestController
class ResealController {

    private static final Logger log = LoggerFactory.getLogger(ResealController.class);

    private final List<SealedStore> stores;
    private final SecretBox secrets;

    ResealController(List<SealedStore> stores, SecretBox secrets) {
        this.stores = stores;
        this.secrets = secrets;
    }

    /** @param resealed rows rewritten, by store */
    record Resealed(String keyId, Map<String, Integer> resealed) {
    }

    @PostMapping("/api/admin/secrets/reseal")
    Resealed reseal() {
        Map<String, Integer> resealed = new LinkedHashMap<>();
        for (SealedStore store : stores) {
            resealed.put(store.name(), store.reseal());
        }
        log.info("Secrets re-sealed under key {}: {}", secrets.currentKeyId(), resealed);
        return new Resealed(secrets.currentKeyId(), resealed);
    }
}
