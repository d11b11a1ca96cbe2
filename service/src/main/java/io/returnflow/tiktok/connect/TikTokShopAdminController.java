package io.returnflow.tiktok.connect;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code DELETE /api/admin/tiktok/shops/{shopId}} (admin token): releases a shop from the merchant
 * holding it, the only way a shop moves to another merchant. 204, or 404 when nobody holds it.
 */
@RestController
class TikTokShopAdminController {

    private final ConnectedShops shops;

    TikTokShopAdminController(ConnectedShops shops) {
        this.shops = shops;
    }

    @DeleteMapping("/api/admin/tiktok/shops/{shopId}")
    ResponseEntity<Void> release(@PathVariable String shopId) {
        if (!shops.release(shopId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no merchant holds TikTok shop " + shopId);
        }
        return ResponseEntity.noContent().build();
    }
}
