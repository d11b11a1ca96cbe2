package io.returnflow.tiktok;

import io.returnflow.messaging.PermanentFailureException;

/** An event for a shop the service cannot act for: kept as a dead letter until an operator replays it. */
public class UnknownShopException extends PermanentFailureException {

    public UnknownShopException(String message) {
        super(message);
    }
}
