package io.returnflow.tiktok.connect;

import io.returnflow.secrets.MaskedRecord;
import io.returnflow.secrets.SealBinding;
import io.returnflow.secrets.SealedStore;
import io.returnflow.secrets.SecretBox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The seals of TikTok's tokens in {@code tiktok_authorizations}: each bound to the merchant the
 * authorization belongs to and to its field, and re-sealed under the current key on request.
 */
@Component
class TikTokTokenSeals implements SealedStore {

    private final JdbcClient db;
    private final SecretBox secrets;

    TikTokTokenSeals(JdbcClient db, SecretBox secrets) {
        this.db = db;
        this.secrets = secrets;
    }

    static SealBinding accessToken(String merchantId) {
        return new SealBinding(merchantId, "tiktok.accessToken");
    }

    static SealBinding refreshToken(String merchantId) {
        return new SealBinding(merchantId, "tiktok.refreshToken");
    }

    @Override
    public String name() {
        return "tiktokAuthorizations";
    }

    /** Each authorization with a token not sealed under the current key, both sealed anew; one refreshed meanwhile is left as it is. */
    @Override
    public int reseal() {
        record Row(String id, String merchantId, String accessToken, String refreshToken) {
            @Override
            public String toString() {
                return MaskedRecord.toString(this);
            }
        }
        int resealed = 0;
        for (Row row : db.sql("SELECT id, merchant_id, access_token, refresh_token FROM tiktok_authorizations")
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).list()) {
            if (secrets.isCurrent(row.accessToken()) && secrets.isCurrent(row.refreshToken())) {
                continue;
            }
            SealBinding access = accessToken(row.merchantId());
            SealBinding refresh = refreshToken(row.merchantId());
            resealed += db.sql("""
                            UPDATE tiktok_authorizations SET access_token = ?, refresh_token = ?
                            WHERE id = ? AND access_token = ? AND refresh_token = ?""")
                    .params(secrets.seal(secrets.open(row.accessToken(), access), access),
                            secrets.seal(secrets.open(row.refreshToken(), refresh), refresh),
                            row.id(), row.accessToken(), row.refreshToken())
                    .update();
        }
        return resealed;
    }
}
