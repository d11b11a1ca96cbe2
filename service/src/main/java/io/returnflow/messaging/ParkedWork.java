package io.returnflow.messaging;

import java.util.ArrayList;
import java.util.List;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;

import io.returnflow.observability.FlowContext;

import org.apache.camel.Exchange;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Parked work: messages that wait for someone to act ({@link ParkException}), kept on the durable
 * queue {@value #QUEUE} with what they wait for ({@value #KEY}) and the queue they came from, neither
 * retried nor dead-lettered. {@link #resume} moves the messages of a key back to their queues, each
 * send and its removal in one JMS transaction (never lost, never doubled).
 */
@Component("parkedWork")
public class ParkedWork {

    private static final Logger log = LoggerFactory.getLogger(ParkedWork.class);

    public static final String QUEUE = "parked.work";
    public static final String KEY = "ParkedKey";
    static final String ORIGINAL_QUEUE = "ParkedOriginalQueue";
    static final String REASON = "ParkedReason";
    private static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    private static final long RECEIVE_TIMEOUT_MS = 1000;

    private final ConnectionFactory connectionFactory;
    private final ObjectProvider<MessageObserver> observers;

    public ParkedWork(ConnectionFactory connectionFactory, ObjectProvider<MessageObserver> observers) {
        this.connectionFactory = connectionFactory;
        this.observers = observers;
    }

    /** The queue policy's step: writes what the message waits for and where it goes back to. */
    public void park(Exchange exchange) {
        ParkException parked = ObjectHelper.getException(ParkException.class,
                exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        var message = exchange.getMessage();
        message.removeHeader(DUPLICATE_ID); // the broker would drop the parked copy as a duplicate
        message.setHeader(KEY, parked.key());
        message.setHeader(ORIGINAL_QUEUE, DeadLetterAnnotator.originalQueue(exchange));
        message.setHeader(REASON, parked.getMessage());
        FlowContext about = FlowContext.fromHeaders(message::getHeader);
        observers.orderedStream().forEach(observer -> observer.waiting(about, "Parked until " + parked.key() + " is back",
                parked.getMessage()));
    }

    /** How many messages wait for the key. */
    public int count(String key) {
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            connection.start();
            int count = 0;
            try (QueueBrowser browser = session.createBrowser(session.createQueue(QUEUE), selector(key))) {
                for (var e = browser.getEnumeration(); e.hasMoreElements(); e.nextElement()) {
                    count++;
                }
            }
            return count;
        } catch (JMSException e) {
            throw new IllegalStateException("cannot browse " + QUEUE + ": " + e.getMessage(), e);
        }
    }

    /** Puts every message waiting for the key back on its queue; answers how many. */
    public int resume(String key) {
        List<String> moved = new ArrayList<>();
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            connection.start();
            MessageProducer producer = session.createProducer(null);
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE), selector(key))) {
                Message message;
                while ((message = consumer.receive(RECEIVE_TIMEOUT_MS)) != null) {
                    String queue = message.getStringProperty(ORIGINAL_QUEUE);
                    producer.send(Queues.destination(session, queue),
                            DeadLetters.copyOf(session, message, name -> DeadLetters.carriedOver(name) && !name.startsWith("Parked")),
                            DeliveryMode.PERSISTENT, message.getJMSPriority(), Message.DEFAULT_TIME_TO_LIVE);
                    session.commit();
                    moved.add(queue);
                }
            }
        } catch (JMSException e) {
            throw new IllegalStateException("cannot resume the work parked for " + key + ": " + e.getMessage(), e);
        }
        if (!moved.isEmpty()) {
            log.info("{} parked message(s) waiting for {} put back on their queues {}", moved.size(), key, moved);
        }
        return moved.size();
    }

    private static String selector(String key) {
        return KEY + " = '" + key.replace("'", "''") + "'";
    }
}
