package io.returnflow.tiktok.connect;

import java.util.List;

import io.returnflow.merchants.MerchantStore;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A merchant's TikTok shops (merchant API key or admin token; another merchant's key gets 404
 * before reaching here, see SecurityConfiguration).
 */
@RestController
@RequestMapping("/api/merchants/{merchantId}/tiktok")
class TikTokConnectController {

    private final TikTokShopConnection connection;
    private final ConnectedShops shops;
    private final MerchantStore merchants;

    TikTokConnectController(TikTokShopConnection connection, ConnectedShops shops, MerchantStore merchants) {
        this.connection = connection;
        this.shops = shops;
        this.merchants = merchants;
    }

    /** 302 to TikTok's authorization page; the seller comes back through /oauth/tiktok/callback. */
    @GetMapping("/connect")
    ResponseEntity<Void> connect(@PathVariable String merchantId) {
        requireMerchant(merchantId);
        return ResponseEntity.status(HttpStatus.FOUND).location(connection.start(merchantId)).build();
    }

    /** Where the seller authorizes the app: what the 302 of GET /connect points at. */
    record Authorization(String authorizeUrl) {
    }

    /**
     * The same start as GET /connect, answered as JSON: a page calling with a bearer token cannot
     * read the Location of a redirect, so it takes the URL and sends the seller's browser there.
     */
    @PostMapping("/connect")
    Authorization connectUrl(@PathVariable String merchantId) {
        requireMerchant(merchantId);
        return new Authorization(connection.start(merchantId).toString());
    }

    @GetMapping("/shops")
    List<ShopSummary> shops(@PathVariable String merchantId) {
        requireMerchant(merchantId);
        return shops.listByMerchant(merchantId);
    }

    /** Only the admin can name a merchant that does not exist: a key's own merchant always does. */
    private void requireMerchant(String merchantId) {
        if (!merchants.exists(merchantId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no merchant " + merchantId);
        }
    }
}
