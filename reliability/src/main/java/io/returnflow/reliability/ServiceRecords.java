package io.returnflow.reliability;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the service recorded, read straight from its database: returns, each WMS target's status,
 * decisions and their sync to TikTok, the notification ids it keeps, and the events its flows took
 * from the queue (the return history's EVENT_RECEIVED entries).
 *
 * @param returns            TikTok return id -> rows in returns (more than 1 would be a duplicate)
 * @param wms                TikTok return id -> target -> status
 * @param decisions          TikTok return id -> decisions recorded
 * @param synced             TikTok return id -> decisions whose sync is SYNCED
 * @param notificationIds    the notification ids the intake remembers
 * @param eventsReceived     notification id -> times a flow took it from the queue
 */
record ServiceRecords(Map<String, Integer> returns, Map<String, Map<String, String>> wms, Map<String, Integer> decisions,
                      Map<String, Integer> synced, Set<String> notificationIds, Map<String, Integer> eventsReceived) {

    static ServiceRecords read(PostgresDatabase database) throws SQLException {
        try (Connection db = database.connect(); Statement sql = db.createStatement()) {
            Map<String, Integer> returns = new HashMap<>();
            try (ResultSet rows = sql.executeQuery("SELECT source_return_id, count(*) FROM returns GROUP BY source_return_id")) {
                while (rows.next()) {
                    returns.put(rows.getString(1), rows.getInt(2));
                }
            }
            Map<String, Map<String, String>> wms = new HashMap<>();
            try (ResultSet rows = sql.executeQuery("""
                    SELECT r.source_return_id, w.target, w.status FROM return_wms w JOIN returns r ON r.id = w.return_id""")) {
                while (rows.next()) {
                    wms.computeIfAbsent(rows.getString(1), id -> new HashMap<>()).put(rows.getString(2), rows.getString(3));
                }
            }
            Map<String, Integer> decisions = new HashMap<>();
            Map<String, Integer> synced = new HashMap<>();
            try (ResultSet rows = sql.executeQuery("""
                    SELECT r.source_return_id, d.sync_status FROM return_decisions d JOIN returns r ON r.id = d.return_id""")) {
                while (rows.next()) {
                    decisions.merge(rows.getString(1), 1, Integer::sum);
                    if ("SYNCED".equals(rows.getString(2))) {
                        synced.merge(rows.getString(1), 1, Integer::sum);
                    }
                }
            }
            Set<String> notificationIds = new HashSet<>();
            try (ResultSet rows = sql.executeQuery("SELECT messageid FROM camel_messageprocessed")) {
                while (rows.next()) {
                    notificationIds.add(rows.getString(1));
                }
            }
            Map<String, Integer> events = new HashMap<>();
            try (ResultSet rows = sql.executeQuery("""
                    SELECT notification_id, count(*) FROM return_history
                    WHERE kind = 'EVENT_RECEIVED' AND notification_id IS NOT NULL GROUP BY notification_id""")) {
                while (rows.next()) {
                    events.put(rows.getString(1), rows.getInt(2));
                }
            }
            return new ServiceRecords(returns, wms, decisions, synced, notificationIds, events);
        }
    }
}
