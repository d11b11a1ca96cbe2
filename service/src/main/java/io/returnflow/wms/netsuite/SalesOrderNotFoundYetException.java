package io.returnflow.wms.netsuite;

import io.returnflow.messaging.RetryLaterException;

/** The sales order of a Shopify order is not in NetSuite (yet): the connector that syncs orders may lag. */
public class SalesOrderNotFoundYetException extends RetryLaterException {

    public SalesOrderNotFoundYetException(String message) {
        super(message);
    }
}
