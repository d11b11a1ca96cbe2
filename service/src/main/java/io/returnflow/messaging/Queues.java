package io.returnflow.messaging;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

/**
 * Queue naming. A consumer of a multicast address reads a fully qualified queue
 * ({@code address::queue}); messages put back for it must go to that same queue, never to the
 * address (which would fan them out to every consumer again).
 */
public final class Queues {

    private static final String FQQN_SEPARATOR = "::";

    private Queues() {
    }

    /**
     * The JMS endpoint (after {@code jms:}) that sends to exactly this queue: {@code queue:<name>}
     * for an anycast queue; for a fully qualified queue of a multicast address
     * {@code topic:<address>::<queue>}, since Artemis refuses an anycast (JMS queue) send to a
     * multicast queue, and a topic send to the FQQN reaches that one queue only.
     */
    public static String endpointOf(String destination) {
        return (destination.contains(FQQN_SEPARATOR) ? "topic:" : "queue:") + destination;
    }

    /** The same for a JMS producer: a queue, or a topic for a fully qualified queue of a multicast address. */
    public static Destination destination(Session session, String destination) throws JMSException {
        return destination.contains(FQQN_SEPARATOR) ? session.createTopic(destination) : session.createQueue(destination);
    }

    /** {@code DLQ.<queue>}, for plain and fully qualified queue names alike. */
    public static String deadLetterQueueOf(String destination) {
        int separator = destination.indexOf(FQQN_SEPARATOR);
        String queue = separator < 0 ? destination : destination.substring(separator + FQQN_SEPARATOR.length());
        return BrokerProperties.DEAD_LETTER_PREFIX + queue;
    }
}
