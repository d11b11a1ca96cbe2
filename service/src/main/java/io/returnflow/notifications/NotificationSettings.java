package io.returnflow.notifications;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

import io.returnflow.secrets.MaskedRecord;
import io.returnflow.secrets.SealBinding;
import io.returnflow.secrets.SealedStore;
import io.returnflow.secrets.SecretBox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A merchant's notification webhook: its URL, and the secret its messages are signed with, made
 * here (32 random bytes), sealed at rest (bound to the merchant and {@value #FIELD}) and shown to
 * the merchant once, when made.
 */
@Component
public class NotificationSettings implements SealedStore {

    static final String FIELD = "notifications.signingSecret";

    /** Where a merchant's notices go, with the secret opened for signing. */
    public record Webhook(String url, String signingSecret) {
        @Override
        public String toString() {
            return "Webhook[url=" + url + ", signingSecret=***]";
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient db;
    private final SecretBox secrets;
    private final Clock clock;

    public NotificationSettings(JdbcClient db, SecretBox secrets, Clock clock) {
        this.db = db;
        this.secrets = secrets;
        this.clock = clock;
    }

    public Optional<Webhook> webhook(String merchantId) {
        return db.sql("SELECT webhook_url, signing_secret FROM merchant_notifications WHERE merchant_id = ?")
                .param(merchantId)
                .query((rs, n) -> new Webhook(rs.getString("webhook_url"),
                        secrets.open(rs.getString("signing_secret"), binding(merchantId))))
                .optional();
    }

    /** Sets the URL; answers the new signing secret when the merchant had none yet, else empty (the secret stays). */
    @Transactional
    public Optional<String> setUrl(String merchantId, String url) {
        Timestamp now = Timestamp.from(clock.instant());
        if (db.sql("UPDATE merchant_notifications SET webhook_url = ?, updated_at = ? WHERE merchant_id = ?")
                .params(url, now, merchantId).update() == 1) {
            return Optional.empty();
        }
        String secret = newSecret();
        db.sql("INSERT INTO merchant_notifications (merchant_id, webhook_url, signing_secret, updated_at) VALUES (?, ?, ?, ?)")
                .params(merchantId, url, secrets.seal(secret, binding(merchantId)), now).update();
        return Optional.of(secret);
    }

    /** A new signing secret, effective for the next delivery; empty when the merchant has no webhook. */
    public Optional<String> newSigningSecret(String merchantId) {
        String secret = newSecret();
        int changed = db.sql("UPDATE merchant_notifications SET signing_secret = ?, updated_at = ? WHERE merchant_id = ?")
                .params(secrets.seal(secret, binding(merchantId)), Timestamp.from(clock.instant()), merchantId).update();
        return changed == 1 ? Optional.of(secret) : Optional.empty();
    }

    /** No more notices for the merchant; false when there was no webhook. */
    public boolean remove(String merchantId) {
        return db.sql("DELETE FROM merchant_notifications WHERE merchant_id = ?").param(merchantId).update() == 1;
    }

    @Override
    public String name() {
        return "notificationSecrets";
    }

    /** Each signing secret not sealed under the current key, sealed anew; one changed meanwhile is left as it is. */
    @Override
    public int reseal() {
        record Row(String merchantId, String signingSecret) {
            @Override
            public String toString() {
                return MaskedRecord.toString(this);
            }
        }
        int resealed = 0;
        for (Row row : db.sql("SELECT merchant_id, signing_secret FROM merchant_notifications")
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2))).list()) {
            if (secrets.isCurrent(row.signingSecret())) {
                continue;
            }
            SealBinding binding = binding(row.merchantId());
            resealed += db.sql("UPDATE merchant_notifications SET signing_secret = ? WHERE merchant_id = ? AND signing_secret = ?")
                    .params(secrets.seal(secrets.open(row.signingSecret(), binding), binding), row.merchantId(), row.signingSecret())
                    .update();
        }
        return resealed;
    }

    private static SealBinding binding(String merchantId) {
        return new SealBinding(merchantId, FIELD);
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + HexFormat.of().formatHex(bytes);
    }
}
