package io.returnflow.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.jms.Message;

import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jms.core.JmsTemplate;

/** Looks into the embedded broker: how many messages a queue got, and what they are. */
@TestComponent
public class BrokerProbe {

    private final EmbeddedActiveMQ broker;
    private final JmsTemplate jms;
    private final JdbcClient db;

    public BrokerProbe(EmbeddedActiveMQ broker, JmsTemplate jms, JdbcClient db) {
        this.broker = broker;
        this.jms = jms;
        this.db = db;
    }

    /** Every message ever added to the queue, consumed or not. */
    public long messagesAdded(String queue) {
        return queue(queue).getMessagesAdded();
    }

    /**
     * The broker adds a durable message to its queue right after the journal sync that also
     * releases the sender, so the count may trail the send by a moment.
     */
    public void awaitMessagesAdded(String queue, long expected) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(messagesAdded(queue)).isEqualTo(expected));
        assertStaysAt(queue, expected);
    }

    /** Nothing more arrives on the queue for a while. */
    public void assertStaysAt(String queue, long expected) {
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(messagesAdded(queue)).isEqualTo(expected));
    }

    /**
     * Waits until the queue (its plain name, also for a queue of a multicast address) holds nothing: no message waiting, in delivery or scheduled for later,
     * for a moment. Before asserting that a consumer did not do something: whatever it was given
     * has been through it by then.
     */
    public void awaitDrained(String queue) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).during(Duration.ofMillis(150))
                .until(() -> isEmpty(queue(queue)));
    }

    /**
     * Waits until every event written to the outbox so far has been published, then until the queue
     * has drained: a consumer of one of those events has had it by then.
     */
    public void awaitSettled(String queue) {
        awaitOutboxPublished();
        awaitDrained(queue);
    }

    /** Every event written to the outbox so far is on the broker. */
    public void awaitOutboxPublished() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() ->
                db.sql("SELECT COUNT(*) FROM outbox WHERE published_at IS NULL").query(Long.class).single() == 0);
    }

    /** Drops every message of the queue (what a test left there for others not to trip on). */
    public void purge(String queue) {
        try {
            queue(queue).deleteAllReferences();
        } catch (Exception e) {
            throw new IllegalStateException("cannot empty queue " + queue, e);
        }
    }

    private static boolean isEmpty(Queue queue) {
        return queue.getMessageCount() == 0 && queue.getDeliveringCount() == 0 && queue.getScheduledCount() == 0;
    }

    public long depth(String queue) {
        return queue(queue).getMessageCount();
    }

    public List<Message> browse(String queue) {
        return jms.browse(queue, (session, browser) -> {
            List<Message> messages = new ArrayList<>();
            for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements(); ) {
                messages.add((Message) e.nextElement());
            }
            return Collections.unmodifiableList(messages);
        });
    }

    private Queue queue(String name) {
        Queue queue = broker.getActiveMQServer().locateQueue(name);
        if (queue == null) {
            throw new IllegalArgumentException("no queue " + name + " on the broker");
        }
        return queue;
    }
}
