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
import org.springframework.jms.core.JmsTemplate;

/** Looks into the embedded broker: how many messages a queue got, and what they are. */
@TestComponent
public class BrokerProbe {

    private final EmbeddedActiveMQ broker;
    private final JmsTemplate jms;

    public BrokerProbe(EmbeddedActiveMQ broker, JmsTemplate jms) {
        this.broker = broker;
        this.jms = jms;
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
