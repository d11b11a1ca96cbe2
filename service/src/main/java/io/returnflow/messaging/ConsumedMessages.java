package io.returnflow.messaging;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.jms.JmsMessage;
import org.apache.camel.support.DefaultMessage;
import org.springframework.stereotype.Component;

/**
 * The first step of every queue consumer: the consumed JMS message becomes a plain Camel message
 * with the same id, body and headers (JMSXDeliveryCount, JMSXGroupID and the flow's own included).
 * <p>Why: in Camel 4.17 every copy of a {@code JmsMessage} throws and catches a NullPointerException
 * ({@code JmsMessage.newInstance()} evaluates the redelivery flag of its null JMS message), and a
 * flow copies its exchange at every step (the error handler's defensive copy, every bean
 * expression): about 200 exceptions, each with its stack trace, per return. Nothing is lost by the
 * swap: the JMS transaction belongs to the listener's session, not to the Camel message, and the
 * dead-letter channel's original message is taken before this step.
 */
@Component("consumedMessages")
public class ConsumedMessages implements Processor {

    @Override
    public void process(Exchange exchange) {
        if (exchange.getIn() instanceof JmsMessage consumed) {
            Message plain = new DefaultMessage(exchange);
            plain.copyFrom(consumed);
            exchange.setIn(plain);
        }
    }
}
