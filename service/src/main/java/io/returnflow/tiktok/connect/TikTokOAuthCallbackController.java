package io.returnflow.tiktok.connect;

import io.returnflow.partners.PartnerRejectedException;
import io.returnflow.partners.PartnerUnavailableException;
import io.returnflow.web.ApiError;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * that started it.
 */
@RestController
class TikTokOAuthCallbackController {

    private static final Logger log = LoggerFactory.getLogger(TikTokOAuthCallbackController.class);

    private final TikTokShopConnection connection;

    TikTokOAuthCallbackController(TikTokShopConnection connection) {
        this.connection = connection;
    }

    @GetMapping("/oauth/tiktok/callback")
    ResponseEntity<String> callback(@RequestParam(required = false) String code, @RequestParam(required = false) String state) {
        TikTokShopConnection.Connected connected = connection.complete(code, state);
        StringBuilder list = new StringBuilder();
        for (AuthorizedShop shop : connected.shops()) {
            list.append("<li>").append(HtmlUtils.htmlEscape(shop.name() == null ? shop.id() : shop.name()))
                    .append(shop.region() == null ? "" : " (" + HtmlUtils.htmlEscape(shop.region()) + ")").append("</li>");
        }
        String html = """
                <!doctype html><html><head><meta charset="utf-8"><title>TikTok shop connected</title></head>
                <body><h1>%s</h1><ul>%s</ul><p><a href="/console/#/integrations">Back to the console</a>, or close this window.</p></body></html>"""
                .formatted(connected.shops().isEmpty() ? "TikTok authorized no shop: nothing was connected"
                        : "TikTok shop connected to " + HtmlUtils.htmlEscape(connected.merchantId()), list);
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(html);
    }

    @ExceptionHandler(OAuthStates.InvalidStateException.class)
    ResponseEntity<ApiError> invalidState(OAuthStates.InvalidStateException e) {
        return ResponseEntity.badRequest().body(new ApiError(e.getMessage() + "; start again from the connect link"));
    }

    /** TikTok refused the code (or the shops call): the connect has to start over. */
    @ExceptionHandler(PartnerRejectedException.class)
    ResponseEntity<ApiError> refused(PartnerRejectedException e) {
        log.warn("TikTok shop connection failed: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
                .body(new ApiError("TikTok refused the authorization: " + e.getMessage() + "; start again from the connect link"));
    }

    @ExceptionHandler(PartnerUnavailableException.class)
    ResponseEntity<ApiError> unavailable(PartnerUnavailableException e) {
        log.warn("TikTok shop connection failed: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(new ApiError("TikTok did not answer; start again from the connect link in a moment"));
    }
}
