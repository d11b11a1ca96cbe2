package io.returnflow.deadlinepolicy;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/** The merchants' deadline policies, as stored: read (checked), saved, answered in their wire form. */
@Component
public class DeadlinePolicies {

    private final JdbcClient db;
    private final ObjectMapper json;
    private final Clock clock;

    DeadlinePolicies(JdbcClient db, ObjectMapper json, Clock clock) {
        this.db = db;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The submitted policy, checked.
     *
     * @param prefix what the fields are named after in the answer (e.g. {@code returns.deadlinePolicy.})
     * @throws ResponseStatusException 400 naming every invalid field
     */
    public DeadlinePolicy checked(JsonNode submitted, String prefix, String refusal) {
        List<String> problems = new ArrayList<>();
        DeadlinePolicy policy = DeadlinePolicyReader.read(submitted, prefix, problems);
        if (!problems.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, refusal + String.join("; ", problems));
        }
        return policy;
    }

    /** The merchant's policy; {@link DeadlinePolicy#OFF} when it has none. */
    public DeadlinePolicy of(String merchantId) {
        return db.sql("SELECT policy FROM merchant_deadline_policies WHERE merchant_id = ?").param(merchantId)
                .query(String.class).optional().map(this::parse).orElse(DeadlinePolicy.OFF);
    }

    /** The merchant's policy as the merchant document and the API answer it. */
    public DeadlinePolicyDocument document(String merchantId) {
        return DeadlinePolicyDocument.of(of(merchantId));
    }

    public void save(String merchantId, DeadlinePolicy policy) {
        Timestamp now = Timestamp.from(clock.instant());
        String text = serialise(DeadlinePolicyDocument.of(policy));
        if (db.sql("UPDATE merchant_deadline_policies SET enabled = ?, policy = ?, updated_at = ? WHERE merchant_id = ?")
                .params(policy.enabled(), text, now, merchantId).update() == 0) {
            db.sql("INSERT INTO merchant_deadline_policies (merchant_id, enabled, policy, updated_at) VALUES (?, ?, ?, ?)")
                    .params(merchantId, policy.enabled(), text, now).update();
        }
    }

    private DeadlinePolicy parse(String text) {
        try {
            List<String> problems = new ArrayList<>();
            DeadlinePolicy policy = DeadlinePolicyReader.read(json.readTree(text), "", problems);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("a stored deadline policy does not read: " + problems);
            }
            return policy;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored deadline policy is not JSON", e);
        }
    }

    private String serialise(DeadlinePolicyDocument document) {
        try {
            return json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a deadline policy", e);
        }
    }
}
