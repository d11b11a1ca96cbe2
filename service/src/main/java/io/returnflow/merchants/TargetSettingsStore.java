package io.returnflow.merchants;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.UnaryOperator;

import io.returnflow.secrets.SealedStore;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code merchant_targets} table: one row per merchant and target, holding the target's settings
 * as a sealed document ({@link SealedSettings}). Callers handle settings records with clear secrets.
 */
@Component
public class TargetSettingsStore implements SealedStore {

    private final JdbcClient db;
    private final SealedSettings sealed;
    private final Clock clock;

    public TargetSettingsStore(JdbcClient db, SealedSettings sealed, Clock clock) {
        this.db = db;
        this.sealed = sealed;
        this.clock = clock;
    }

    /** The merchant's settings for the target, if it ever gave some. */
    public <S extends TargetSettings> Optional<S> find(String merchantId, TargetSection<S> section) {
        return db.sql("SELECT settings FROM merchant_targets WHERE merchant_id = ? AND target = ?")
                .params(merchantId, section.target())
                .query(String.class).optional()
                .map(document -> sealed.open(merchantId, section.target(), document, section.type()));
    }

    /** The merchant's settings for the target, or the section's defaults (off). */
    public <S extends TargetSettings> S settings(String merchantId, TargetSection<S> section) {
        return find(merchantId, section).orElse(section.defaults());
    }

    /**
     * Stores the settings (the merchant must exist). No transaction around update-then-insert on
     * purpose, as in MerchantStore: a racing insert becomes an update.
     */
    public <S extends TargetSettings> void save(String merchantId, TargetSection<S> section, S settings) {
        String document = sealed.seal(merchantId, section.target(), settings);
        if (update(merchantId, section, document)) {
            return;
        }
        try {
            db.sql("INSERT INTO merchant_targets (merchant_id, target, settings, updated_at) VALUES (?, ?, ?, ?)")
                    .params(merchantId, section.target(), document, clock.instant().atOffset(ZoneOffset.UTC))
                    .update();
        } catch (DuplicateKeyException raced) {
            update(merchantId, section, document);
        }
    }

    /**
     * Changes stored settings in place (e.g. tokens the service refreshed itself), the row locked
     * meanwhile so that two changes never overwrite each other.
     *
     * @return false when the merchant has no settings for the target
     */
    @Transactional
    public <S extends TargetSettings> boolean change(String merchantId, TargetSection<S> section, UnaryOperator<S> change) {
        Optional<S> current = db.sql("SELECT settings FROM merchant_targets WHERE merchant_id = ? AND target = ? FOR UPDATE")
                .params(merchantId, section.target())
                .query(String.class).optional()
                .map(document -> sealed.open(merchantId, section.target(), document, section.type()));
        return current.isPresent() && update(merchantId, section, sealed.seal(merchantId, section.target(), change.apply(current.get())));
    }

    @Override
    public String name() {
        return "targetSettings";
    }

    /** Each document with a seal not under the current key, sealed anew; one changed meanwhile is left to its writer. */
    @Override
    public int reseal() {
        record Row(String merchantId, String target, String document) {
        }
        int resealed = 0;
        for (Row row : db.sql("SELECT merchant_id, target, settings FROM merchant_targets")
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3))).list()) {
            Optional<String> document = sealed.resealed(row.merchantId(), row.target(), row.document());
            if (document.isPresent()) {
                resealed += db.sql("UPDATE merchant_targets SET settings = ? WHERE merchant_id = ? AND target = ? AND settings = ?")
                        .params(document.get(), row.merchantId(), row.target(), row.document()).update();
            }
        }
        return resealed;
    }

    private boolean update(String merchantId, TargetSection<?> section, String document) {
        return db.sql("UPDATE merchant_targets SET settings = ?, updated_at = ? WHERE merchant_id = ? AND target = ?")
                .params(document, clock.instant().atOffset(ZoneOffset.UTC), merchantId, section.target())
                .update() == 1;
    }
}
