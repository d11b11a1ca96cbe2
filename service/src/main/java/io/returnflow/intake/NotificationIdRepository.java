package io.returnflow.intake;

import javax.sql.DataSource;

import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The notification ids already queued, kept in the database (table from Flyway, unique on
 * processor and id) so deduplication outlives TikTok's 15 hours of retries and any restart.
 * Camel's repository; two changes, each one statement on its own instead of a transaction around it:
 * asking for an id is a single SELECT (a read needs no transaction, and beginning and committing one
 * on every webhook cost more than the query), and adding one is a single INSERT, where the unique key,
 * not a SELECT before it, says whether the id was new. The route has already asked {@code contains},
 * and two deliveries racing past that check meet the key: the loser is a duplicate, not an error.
 */
@Component("tiktokNotificationIds")
public class NotificationIdRepository extends JdbcMessageIdRepository {

    public NotificationIdRepository(DataSource dataSource) {
        super(dataSource, "tiktok-webhook");
        setCreateTableIfNotExists(false);
    }

    @Override
    public boolean contains(String key) {
        return queryForInt(key) > 0;
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
