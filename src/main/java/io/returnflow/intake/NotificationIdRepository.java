package io.returnflow.intake;

import javax.sql.DataSource;

import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The notification ids already queued, kept in the database (table from Flyway, unique on
 * processor and id) so deduplication outlives TikTok's 15 hours of retries and any restart.
 * Camel's repository checks then inserts; two deliveries racing past the check meet the unique
 * key, and the loser is a duplicate, not an error.
 */
@Component("tiktokNotificationIds")
public class NotificationIdRepository extends JdbcMessageIdRepository {

    public NotificationIdRepository(DataSource dataSource) {
        super(dataSource, "tiktok-webhook");
        setCreateTableIfNotExists(false);
    }

    @Override
    public boolean add(String key) {
        try {
            return super.add(key);
        } catch (DuplicateKeyException raced) {
            return false;
        }
    }
}
