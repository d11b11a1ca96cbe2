package io.returnflow.tiktok.connect;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import io.returnflow.merchants.MerchantStore;

import org.springframework.http.HttpHeaders;
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
    private final OAuthBrowserBinding browsers;

    TikTokConnectController(TikTokShopConnection connection, ConnectedShops shops, MerchantStore merchants,
                            OAuthBrowserBinding browsers) {
        this.connection = connection;
        this.shops = shops;
        this.merchants = merchants;
        this.browsers = browsers;
    }

    /**
     * 302 to TikTok's authorization page; the seller comes back through /oauth/tiktok/callback, in
     * this browser: the answer sets the connect cookie the callback must bring back.
     */
    @GetMapping("/connect")
    ResponseEntity<Void> connect(@PathVariable String merchantId, HttpServletRequest request) {
        requireMerchant(merchantId);
        String browser = browsers.valueFor(request);
        return ResponseEntity.status(HttpStatus.FOUND).location(connection.start(merchantId, browser))
                .header(HttpHeaders.SET_COOKIE, browsers.cookie(browser).toString()).build();
    }

    /** Where the seller authorizes the app: what the 302 of GET /connect points at. */
    record Authorization(String authorizeUrl) {
    }

    /**
     * The same start as GET /connect, answered as JSON: a page calling with a bearer token cannot
     * read the Location of a redirect, so it takes the URL and sends the seller's browser there. The
     * page's call must take the cookie (fetch with credentials "same-origin").
     */
    @PostMapping("/connect")
    ResponseEntity<Authorization> connectUrl(@PathVariable String merchantId, HttpServletRequest request) {
        requireMerchant(merchantId);
        String browser = browsers.valueFor(request);
        return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, browsers.cookie(browser).toString())
                .body(new Authorization(connection.start(merchantId, browser).toString()));
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
