package io.returnflow.tiktok.connect;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What TikTok tells about a shop's authorization: the seller deauthorized the app (webhook type 6),
 * or the authorization expires soon (type 7, sent 30 days before, then daily).
 */
@Component("tiktokShopNotices")
public class TikTokShopNotices {

    private static final Logger log = LoggerFactory.getLogger(TikTokShopNotices.class);

    private final JdbcClient db;
    private final ConnectedShops shops;
    private final Clock clock;

    public TikTokShopNotices(JdbcClient db, ConnectedShops shops, Clock clock) {
        this.db = db;
        this.shops = shops;
        this.clock = clock;
    }

    /**
     * The shop stops: its events are parked and no call is made for it until it is connected again.
     * Its tokens are erased, not kept (unless another connected shop of the same grant still uses them).
     */
    @Transactional
    public void deauthorized(String shopId) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        int changed = db.sql("""
                        UPDATE tiktok_shops SET status = 'DISCONNECTED', status_reason = ?, status_changed_at = ?, updated_at = ?
                        WHERE shop_id = ? AND status = 'CONNECTED'""")
                .params("the seller deauthorized the app on TikTok", now, now, shopId).update();
        shops.unlink(shopId);
        log.warn("TikTok shop {} deauthorized by the seller{}; its tokens are erased", shopId,
                changed == 0 ? " (it was not connected)" : "");
    }

    public void authorizationExpiring(String shopId) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        db.sql("UPDATE tiktok_shops SET authorization_expiring_at = ?, updated_at = ? WHERE shop_id = ?")
                .params(now, now, shopId).update();
        log.warn("TikTok says the authorization of shop {} expires soon: the merchant should connect it again", shopId);
    }
}
