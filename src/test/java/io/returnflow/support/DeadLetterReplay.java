package io.returnflow.support;

import java.util.Collections;
import java.util.Enumeration;
import java.util.function.Predicate;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/**
 * Moves a dead letter back onto the queue it came from, as an operator's replay does: found in
 * {@code DLQ.<queue>}, taken by its JMSMessageID, sent to {@code address::queue} with its body and
 * headers (its message group too) but without Artemis' own (duplicate id, scheduled delivery) and
 * the retry and dead-letter annotations, all in one
 * transaction. Stand-in for the DLQ admin API ({@code POST /api/admin/dlq/{queue}/replay}) until
 * that is on this branch: tests should switch to the API once both land.
 */
public final class DeadLetterReplay {

    private final ConnectionFactory connections;

    public DeadLetterReplay(ConnectionFactory connections) {
        this.connections = connections;
    }

    /**
     * @param address the multicast address the queue belongs to, or null for a plain queue
     * @param queue   the original queue, e.g. returns.created.netsuite
     * @param which   picks the dead letter (by its text)
     * @return whether a dead letter was found and replayed
     */
    public boolean replay(String address, String queue, Predicate<String> which) throws JMSException {
        try (Connection connection = connections.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            String messageId = find(session, "DLQ." + queue, which);
            if (messageId == null) {
                return false;
            }
            MessageConsumer consumer = session.createConsumer(session.createQueue("DLQ." + queue),
                    "JMSMessageID = '" + messageId + "'");
            Message dead = consumer.receive(5_000);
            if (dead == null) {
                session.rollback();
                return false;
            }
            TextMessage replayed = session.createTextMessage(((TextMessage) dead).getText());
            for (String name : Collections.list(propertyNames(dead))) {
                // _AMQ_*: Artemis' own (duplicate id, scheduled delivery, original address...)
                if (!name.startsWith("_AMQ") && !name.startsWith("JMSX") && !name.startsWith("RetryLater")
                        && !name.startsWith("DeadLetter")) {
                    replayed.setObjectProperty(name, dead.getObjectProperty(name));
                }
            }
            if (dead.getStringProperty("JMSXGroupID") != null) {
                replayed.setStringProperty("JMSXGroupID", dead.getStringProperty("JMSXGroupID"));
            }
            // a multicast address's queue takes a topic send to its fully qualified name
            MessageProducer producer = session.createProducer(address == null ? session.createQueue(queue)
                    : session.createTopic(address + "::" + queue));
            producer.send(replayed);
            session.commit();
            return true;
        }
    }

    private static String find(Session session, String deadLetterQueue, Predicate<String> which) throws JMSException {
        try (QueueBrowser browser = session.createBrowser(session.createQueue(deadLetterQueue))) {
            for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements(); ) {
                Message message = (Message) e.nextElement();
                if (message instanceof TextMessage text && which.test(text.getText())) {
                    return message.getJMSMessageID();
                }
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Enumeration<String> propertyNames(Message message) throws JMSException {
        return (Enumeration<String>) message.getPropertyNames();
    }
}
