package io.returnflow.returns;

/**
 * What a case is: a return (the buyer sends back, or keeps, what was delivered) or a cancellation
 * request (the buyer asks to cancel an order before it ships). Both wait for the merchant's decision;
 * a cancellation has nothing for a warehouse, a label or a Shopify return to do.
 */
public enum ReturnKind {
    RETURN,
    CANCELLATION
}
