package io.returnflow.merchants;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.returnflow.observability.FlowContext;
import io.returnflow.secrets.OpaqueIds;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What is left of erased merchants: opaque names ({@link OpaqueIds}) of the merchant, its TikTok
 * shops and its returns, never the ids themselves. Every queue consumer asks it first
 * (queue-consumer-policy), so a message still queued, waiting or retrying for an erased merchant
 * is dropped, not failed into a dead-letter queue that would keep its data.
 */
@Component("erasedSubjects")
public class ErasedSubjects {

    private final JdbcClient db;
    private final OpaqueIds opaque;
    private final ObjectMapper json;
    private final Clock clock;

    ErasedSubjects(JdbcClient db, OpaqueIds opaque, ObjectMapper json, Clock clock) {
        this.db = db;
        this.opaque = opaque;
        this.json = json;
        this.clock = clock;
    }

    /** Inside the erasure's transaction. */
    void remember(String merchantId, Collection<String> shopIds, Collection<String> returnIds) {
        Set<String> names = new LinkedHashSet<>();
        names.add(name("merchant", merchantId));
        shopIds.forEach(shop -> names.add(name("shop", shop)));
        returnIds.forEach(ret -> names.add(name("return", ret)));
        Timestamp now = Timestamp.from(clock.instant());
        for (String name : names) {
            db.sql("DELETE FROM erased_subjects WHERE opaque_id = ?").param(name).update();
            db.sql("INSERT INTO erased_subjects (opaque_id, erased_at) VALUES (?, ?)").params(name, now).update();
        }
    }

    /** Forgets the names of merchants erased before {@code before}: no message waits for them any more. */
    public int forgetErasedBefore(Instant before) {
        return db.sql("DELETE FROM erased_subjects WHERE erased_at < ?").param(Timestamp.from(before)).update();
    }

    /**
     * Whether the message is for an erased merchant, shop or return: by the flow's headers
     * ({@link FlowContext}) and by the event's own {@code merchantId} and {@code returnId}.
     */
    public boolean isForErased(Exchange exchange) {
        Message message = exchange.getMessage();
        FlowContext flow = FlowContext.fromHeaders(message::getHeader);
        List<String> names = new ArrayList<>();
        addName(names, "merchant", flow.merchantId());
        addName(names, "shop", flow.shopId());
        addName(names, "return", flow.returnId());
        if (flow.merchantId() == null && flow.shopId() == null) {
            // an event from the outbox: its merchant and return are in the event itself
            JsonNode event = event(message.getBody(String.class));
            addName(names, "merchant", event.path("merchantId").textValue());
            addName(names, "return", event.path("returnId").textValue());
        }
        if (names.isEmpty()) {
            return false;
        }
        return db.sql("SELECT COUNT(*) FROM erased_subjects WHERE opaque_id IN (:names)").param("names", names)
                .query(Integer.class).single() > 0;
    }

    private JsonNode event(String body) {
        if (body == null || !body.startsWith("{")) {
            return json.missingNode();
        }
        try {
            return json.readTree(body);
        } catch (java.io.IOException notJson) {
            return json.missingNode();
        }
    }

    private void addName(List<String> names, String kind, String id) {
        if (id != null && !id.isBlank()) {
            names.add(name(kind, id));
        }
    }

    private String name(String kind, String id) {
        return opaque.of(kind + ":" + id);
    }
}
