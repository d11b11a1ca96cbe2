package io.returnflow.messaging;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.springframework.jms.connection.SingleConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Asks the broker about its queues: which exist, and how many messages each holds; and declares a
 * durable queue it lacks (an external broker, ExternalBrokerTopology). Artemis
 * management over JMS (a request to {@code activemq.management}, the answer on a temporary queue),
 * so it is the same code for the embedded broker and an external one, and the counts include what
 * a queue browser cannot see (messages scheduled for later, messages being delivered).
 */
@Component
public class BrokerManagement {

    private static final long ANSWER_TIMEOUT_MS = 5_000;

    private final ConnectionFactory connections;
    private final String managementAddress;

    public BrokerManagement(ConnectionFactory connectionFactory, BrokerProperties broker) {
        this.connections = direct(connectionFactory);
        this.managementAddress = broker.managementAddress();
    }

    /** Messages on a queue: all of them, and those of them scheduled for later delivery. */
    public record QueueDepth(long messages, long scheduled) {
    }

    /** Every queue on the broker. */
    public List<String> queueNames() {
        Object[] names = (Object[]) ask(session -> session.attribute(ResourceNames.BROKER, "queueNames"));
        List<String> answer = new ArrayList<>(names.length);
        for (Object name : names) {
            answer.add(String.valueOf(name));
        }
        return answer;
    }

    /** Depths of the given queues, in one connection; a queue the broker does not have is left out. */
    public Map<String, QueueDepth> depths(Collection<String> queues) {
        return ask(session -> {
            Map<String, QueueDepth> depths = new LinkedHashMap<>();
            for (String queue : queues) {
                Object messages = session.attributeOrNull(ResourceNames.QUEUE + queue, "messageCount");
                if (messages != null) {
                    Object scheduled = session.attributeOrNull(ResourceNames.QUEUE + queue, "scheduledCount");
                    depths.put(queue, new QueueDepth(((Number) messages).longValue(),
                            scheduled == null ? 0 : ((Number) scheduled).longValue()));
                }
            }
            return depths;
        });
    }

    /**
     * Creates a durable queue on its address (the address too, with that routing type, when missing);
     * a queue that exists already is left as it is.
     */
    public void declareQueue(String address, String queue, RoutingType routing) {
        String configuration = QueueConfiguration.of(queue).setAddress(address).setRoutingType(routing)
                .setDurable(true).setAutoCreateAddress(true).toJSON();
        ask(session -> session.invoke(ResourceNames.BROKER, "createQueue", configuration, true));
    }

    /**
     * The connection factory itself, not Spring's caching wrapper: this service opens a connection
     * per administrative task and closes it, and must not leave cached consumers (with their
     * one-off selectors) behind on the broker.
     */
    static ConnectionFactory direct(ConnectionFactory factory) {
        ConnectionFactory current = factory;
        while (current instanceof SingleConnectionFactory single && single.getTargetConnectionFactory() != null) {
            current = single.getTargetConnectionFactory();
        }
        return current;
    }

    private interface Conversation<T> {
        T with(Requests requests) throws Exception;
    }

    private <T> T ask(Conversation<T> conversation) {
        try (Connection connection = connections.createConnection()) {
            connection.start();
            try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                return conversation.with(new Requests(session));
            }
        } catch (BrokerManagementException e) {
            throw e;
        } catch (Exception e) {
            throw new BrokerManagementException("broker management request failed: " + e.getMessage(), e);
        }
    }

    /** Request and answer on one session. */
    private final class Requests {

        private final Session session;
        private final MessageProducer producer;
        private final TemporaryQueue answers;
        private final MessageConsumer consumer;

        Requests(Session session) throws JMSException {
            this.session = session;
            Queue management = session.createQueue(managementAddress);
            this.producer = session.createProducer(management);
            this.answers = session.createTemporaryQueue();
            this.consumer = session.createConsumer(answers);
        }

        Object attribute(String resource, String attribute) throws Exception {
            Message answer = request(resource, attribute);
            if (!JMSManagementHelper.hasOperationSucceeded(answer)) {
                throw new BrokerManagementException("broker refused " + resource + "." + attribute + ": "
                        + JMSManagementHelper.getResult(answer));
            }
            return JMSManagementHelper.getResult(answer);
        }

        /** An operation; fails when the broker refuses it. */
        Object invoke(String resource, String operation, Object... parameters) throws Exception {
            Message request = session.createMessage();
            JMSManagementHelper.putOperationInvocation(request, resource, operation, parameters);
            Message answer = send(request, resource + "." + operation);
            if (!JMSManagementHelper.hasOperationSucceeded(answer)) {
                throw new BrokerManagementException("broker refused " + resource + "." + operation + ": "
                        + JMSManagementHelper.getResult(answer));
            }
            return JMSManagementHelper.getResult(answer);
        }

        /** Null when the broker does not know the resource (a queue that does not exist). */
        Object attributeOrNull(String resource, String attribute) throws Exception {
            Message answer = request(resource, attribute);
            return JMSManagementHelper.hasOperationSucceeded(answer) ? JMSManagementHelper.getResult(answer) : null;
        }

        private Message request(String resource, String attribute) throws JMSException {
            Message request = session.createMessage();
            JMSManagementHelper.putAttribute(request, resource, attribute);
            return send(request, resource + "." + attribute);
        }

        private Message send(Message request, String what) throws JMSException {
            request.setJMSReplyTo(answers);
            producer.send(request);
            Message answer = consumer.receive(ANSWER_TIMEOUT_MS);
            if (answer == null) {
                throw new BrokerManagementException("the broker did not answer " + what
                        + " within " + ANSWER_TIMEOUT_MS + " ms (management address " + managementAddress + ")", null);
            }
            return answer;
        }
    }

    /** The broker could not be asked, or refused to answer. */
    public static class BrokerManagementException extends RuntimeException {
        BrokerManagementException(String message, Throwable cause) {
            super(message, cause);
        }

        BrokerManagementException(String message) {
            super(message);
        }
    }
}
