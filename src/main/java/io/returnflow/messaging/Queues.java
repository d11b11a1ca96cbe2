package io.returnflow.messaging;

/**
 * Queue naming. A consumer of a multicast address reads a fully qualified queue
 * ({@code address::queue}); messages put back for it must go to that same queue, never to the
 * address (which would fan them out to every consumer again).
 */
public final class Queues {

    private static final String FQQN_SEPARATOR = "::";

    private Queues() {
    }

    /** {@code DLQ.<queue>}, for plain and fully qualified queue names alike. */
    public static String deadLetterQueueOf(String destination) {
        int separator = destination.indexOf(FQQN_SEPARATOR);
        String queue = separator < 0 ? destination : destination.substring(separator + FQQN_SEPARATOR.length());
        return BrokerProperties.DEAD_LETTER_PREFIX + queue;
    }
}
