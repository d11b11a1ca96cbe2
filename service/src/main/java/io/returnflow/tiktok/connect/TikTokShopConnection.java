package io.returnflow.tiktok.connect;

import java.net.URI;
import java.util.List;

import io.returnflow.messaging.ParkedWork;
import io.returnflow.tiktok.ShopReconnectNeededException;
import io.returnflow.tiktok.TikTokProperties;
import io.returnflow.tiktok.TikTokTokens;
import io.returnflow.tiktok.TokenGrant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Connecting a merchant's TikTok shops: send the seller to TikTok's authorization page with a fresh
 * state, then, on the callback, redeem the code and store the shops the grant covers.
 */
@Component
class TikTokShopConnection {

    private static final Logger log = LoggerFactory.getLogger(TikTokShopConnection.class);

    private final OAuthStates states;
    private final TikTokTokens tokens;
    private final AuthorizedShops authorizedShops;
    private final ConnectedShops connectedShops;
    private final TikTokProperties tiktok;
    private final ParkedWork parkedWork;

    TikTokShopConnection(OAuthStates states, TikTokTokens tokens, AuthorizedShops authorizedShops,
                         ConnectedShops connectedShops, TikTokProperties tiktok, ParkedWork parkedWork) {
        this.parkedWork = parkedWork;
        this.states = states;
        this.tokens = tokens;
        this.authorizedShops = authorizedShops;
        this.connectedShops = connectedShops;
        this.tiktok = tiktok;
    }

    /**
     * Where the seller authorizes this app for the merchant.
     *
     * @param browser the value of the connect cookie of the browser asking ({@link OAuthBrowserBinding})
     */
    URI start(String merchantId, String browser) {
        return UriComponentsBuilder.fromUriString(tiktok.authorizeUrl())
                .queryParam("service_id", tiktok.serviceId())
                .queryParam("state", states.issue(merchantId, OAuthBrowserBinding.hash(browser)))
                .encode().build().toUri();
    }

    /**
     * The state is spent before TikTok is called, so a replayed callback fails even when the
     * exchange fails too; the seller then starts again from the connect link. A shop that another
     * merchant holds is not moved ({@link ShopHeldByAnotherMerchantException}): nothing is stored.
     *
     * @param browser the connect cookie's value the callback came with; null without one
     */
    Connected complete(String code, String state, String browser) {
        String merchantId = states.consume(state, OAuthBrowserBinding.hash(browser));
        if (code == null || code.isBlank()) {
            throw new OAuthStates.InvalidStateException("TikTok sent no authorization code");
        }
        TokenGrant grant = tokens.exchange(code);
        List<AuthorizedShop> shops = authorizedShops.read(grant.accessToken());
        if (!shops.isEmpty()) {
            connectedShops.connect(merchantId, grant, shops);
            // committed: the work parked while a shop waited to be reconnected goes on
            shops.forEach(shop -> parkedWork.resume(ShopReconnectNeededException.parkingKey(shop.id())));
        }
        log.info("Merchant {} connected TikTok shops {}", merchantId, shops.stream().map(AuthorizedShop::id).toList());
        return new Connected(merchantId, shops);
    }

    record Connected(String merchantId, List<AuthorizedShop> shops) {
    }
}
