package io.returnflow.intake;

import javax.sql.DataSource;

import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The notification ids already queued, kept in the database (table from Flyway, unique on
 * processor and id) so deduplication outlives TikTok's 15 hours of retries and any restart.
 * Camel's repository; one change: adding an id is a single INSERT, and the unique key, not a
 * SELECT before it, says whether the id was new. The route has already asked {@code contains}, and
 * two deliveries racing past that check meet the key: the loser is a duplicate, not an error.
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
            return insert(key) == 1;
        } catch (DuplicateKeyException raced) {
            return false;
        }
    }
}
