package io.returnflow.tiktok.connect;

import jakarta.servlet.http.HttpServletRequest;

import io.returnflow.partners.PartnerRejectedException;
import io.returnflow.partners.PartnerUnavailableException;
import io.returnflow.web.ApiError;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * Where TikTok sends the seller back after authorizing ({@code tiktok.oauth-redirect-url}). Open:
 * the seller's browser carries no credentials; the single-use state binds the call to the merchant
 * that started it, and the connect cookie to the browser that started it. A refusal says why: as
 * a page to a browser (it asks for text/html), as {@code {"error"}} to anything else.
 */
@RestController
class TikTokOAuthCallbackController {

    private static final Logger log = LoggerFactory.getLogger(TikTokOAuthCallbackController.class);
    private static final String BACK = "<p><a href=\"/console/#/integrations\">Back to the console</a>, or close this window.</p>";

    private final TikTokShopConnection connection;
    private final OAuthBrowserBinding browsers;

    TikTokOAuthCallbackController(TikTokShopConnection connection, OAuthBrowserBinding browsers) {
        this.connection = connection;
        this.browsers = browsers;
    }

    @GetMapping("/oauth/tiktok/callback")
    ResponseEntity<String> callback(@RequestParam(required = false) String code, @RequestParam(required = false) String state,
                                    HttpServletRequest request) {
        TikTokShopConnection.Connected connected = connection.complete(code, state, browsers.presented(request));
        StringBuilder list = new StringBuilder();
        for (AuthorizedShop shop : connected.shops()) {
            list.append("<li>").append(HtmlUtils.htmlEscape(shop.name() == null ? shop.id() : shop.name()))
                    .append(shop.region() == null ? "" : " (" + HtmlUtils.htmlEscape(shop.region()) + ")").append("</li>");
        }
        String title = connected.shops().isEmpty() ? "TikTok authorized no shop: nothing was connected"
                : "TikTok shop connected to " + HtmlUtils.htmlEscape(connected.merchantId());
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(page("TikTok shop connected", title, "<ul>" + list + "</ul>"));
    }

    @ExceptionHandler(OAuthStates.InvalidStateException.class)
    ResponseEntity<?> invalidState(OAuthStates.InvalidStateException e, HttpServletRequest request) {
        return refusal(request, HttpStatus.BAD_REQUEST, e.getMessage() + "; start again from the connect link");
    }

    /** A takeover: the shop is another merchant's. The seller learns why; nothing was stored. */
    @ExceptionHandler(ShopHeldByAnotherMerchantException.class)
    ResponseEntity<?> heldElsewhere(ShopHeldByAnotherMerchantException e, HttpServletRequest request) {
        log.warn("Merchant {} tried to connect TikTok shops {} that another merchant holds: refused, they stay where they are",
                e.merchantId(), e.shopIds());
        return refusal(request, HttpStatus.CONFLICT, e.getMessage());
    }

    /** TikTok refused the code (or the shops call): the connect has to start over. */
    @ExceptionHandler(PartnerRejectedException.class)
    ResponseEntity<?> refused(PartnerRejectedException e, HttpServletRequest request) {
        log.warn("TikTok shop connection failed: {}", e.getMessage());
        return refusal(request, HttpStatus.BAD_GATEWAY,
                "TikTok refused the authorization: " + e.getMessage() + "; start again from the connect link");
    }

    @ExceptionHandler(PartnerUnavailableException.class)
    ResponseEntity<?> unavailable(PartnerUnavailableException e, HttpServletRequest request) {
        log.warn("TikTok shop connection failed: {}", e.getMessage());
        return refusal(request, HttpStatus.SERVICE_UNAVAILABLE, "TikTok did not answer; start again from the connect link in a moment");
    }

    private static ResponseEntity<?> refusal(HttpServletRequest request, HttpStatus status, String message) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept != null && accept.contains(MediaType.TEXT_HTML_VALUE)) {
            return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML)
                    .body(page("TikTok shop not connected", "The TikTok shop was not connected",
                            "<p>" + HtmlUtils.htmlEscape(message) + "</p>"));
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(new ApiError(message));
    }

    private static String page(String title, String heading, String content) {
        return """
                <!doctype html><html><head><meta charset="utf-8"><title>%s</title></head>
                <body><h1>%s</h1>%s%s</body></html>""".formatted(title, heading, content, BACK);
    }
}
