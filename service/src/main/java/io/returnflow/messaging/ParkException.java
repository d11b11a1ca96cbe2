package io.returnflow.messaging;

/**
 * Work that cannot go on until someone acts (a seller reconnecting a shop): retrying on a timer
 * would only fail again and, after the waiting budget, dead-letter it. The queue policy parks it
 * ({@link ParkedWork}) under its {@code key} instead; {@link ParkedWork#resume} puts it back on its
 * queue once the owner acted.
 */
public class ParkException extends RuntimeException {

    private final String key;

    public ParkException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** What the work waits for, e.g. {@code tiktok-shop:<shop id>}. */
    public String key() {
        return key;
    }
}
