package io.returnflow.reliability;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.jms.Message;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueRequestor;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Where notifications are on the scenario's broker, asked through Artemis's management API (the
 * {@code activemq.management} address, the broker user's "manage" permission): on a queue ready to be
 * consumed, scheduled for a later delivery (the service's retry later), being delivered to a consumer
 * that has not acknowledged it, held behind a message group bound to a consumer, or in a dead-letter
 * queue. Messages are matched by their {@code TikTokNotificationId} property, the one the intake sets.
 */
final class BrokerWhereabouts {

    static final String NOTIFICATION_ID = "TikTokNotificationId";
    /** How a core message names its JMSXGroupID. */
    private static final String GROUP_ID = "_AMQ_GROUP_ID";
    private static final String SCHEDULED_FOR = "_AMQ_SCHED_DELIVERY";
    private static final Pattern CONSUMER_NAME = Pattern.compile("id=([^:,\\s]+):([^:,\\s]+):([^:,\\s\\]]+)");

    private final ArtemisBroker broker;
    private final ObjectMapper json = new ObjectMapper();

    BrokerWhereabouts(ArtemisBroker broker) {
        this.broker = broker;
    }

    /**
     * Each notification id -> where it is on the queue and its dead-letter queue (DLQ.queue), or
     * "nowhere on the broker".
     */
    Map<String, String> locate(Collection<String> notificationIds, String queue) throws Exception {
        Map<String, List<String>> found = new LinkedHashMap<>();
        notificationIds.forEach(id -> found.put(id, new ArrayList<>()));
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker.url(), ArtemisBroker.USER, broker.password());
        try (factory; QueueConnection connection = factory.createQueueConnection()) {
            QueueSession session = connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueRequestor management = new QueueRequestor(session, ActiveMQJMSClient.createQueue("activemq.management"));
            connection.start();
            String dlq = "DLQ." + queue;

            // consumers by session and consumer id, as the group bindings and deliveries name them
            Map<String, String> consumers = new HashMap<>();
            for (JsonNode consumer : call(session, management, queue, "listConsumersAsJSON")) {
                consumers.put(consumer.path("sessionID").asText() + ":" + consumer.path("consumerID").asText(), String.format(
                        "consumer %s of connection %s (since %s, %s messages in transit, last delivery %s)",
                        consumer.path("consumerID").asText(), consumer.path("connectionID").asText(),
                        time(consumer.path("creationTime").asLong()), consumer.path("messagesInTransit").asText("?"),
                        time(consumer.path("lastDeliveredTime").asLong())));
            }
            Map<String, String> groups = new HashMap<>();
            for (JsonNode group : call(session, management, queue, "listGroupsAsJSON")) {
                String key = group.path("sessionID").asText() + ":" + group.path("consumerID").asText();
                groups.put(group.path("groupID").asText(), consumers.getOrDefault(key, "consumer " + key + ", which is gone"));
            }
            for (JsonNode message : call(session, management, queue, "listMessagesAsJSON", filter(notificationIds))) {
                String group = message.path(GROUP_ID).asText(null);
                add(found, message, "on " + queue + ", ready" + (group == null ? "" : ", message group " + group
                        + (groups.containsKey(group) ? " bound to " + groups.get(group) : " not bound to a consumer"))
                        + "; " + consumers.size() + " consumers on the queue");
            }
            for (JsonNode message : call(session, management, queue, "listScheduledMessagesAsJSON")) {
                add(found, message, "on " + queue + ", scheduled for " + time(message.path(SCHEDULED_FOR).asLong())
                        + (message.has("RetryLaterAttempt") ? " (retry later, attempt " + message.path("RetryLaterAttempt").asText() + ")" : ""));
            }
            for (JsonNode delivering : call(session, management, queue, "listDeliveringMessagesAsJSON")) {
                // "ServerConsumer [id=<connection>:<session>:<consumer>, ...]"
                Matcher id = CONSUMER_NAME.matcher(delivering.path("consumerName").asText());
                String consumer = id.find() ? consumers.getOrDefault(id.group(2) + ":" + id.group(3), "consumer " + id.group(0))
                        : delivering.path("consumerName").asText();
                for (JsonNode message : delivering.path("elements")) {
                    add(found, message, "on " + queue + ", delivered and not acknowledged, held by " + consumer);
                }
            }
            for (JsonNode message : call(session, management, dlq, "listMessagesAsJSON", filter(notificationIds))) {
                add(found, message, "in " + dlq + ": " + message.path("DeadLetterReason").asText("no reason given")
                        + " (" + message.path("DeadLetterAttempts").asText("?") + " attempts)");
            }
        }
        Map<String, String> where = new LinkedHashMap<>();
        found.forEach((id, places) -> where.put(id, places.isEmpty() ? "nowhere on the broker (not on " + queue
                + ", not scheduled, not delivered to a consumer, not in " + "DLQ." + queue + ")" : String.join("; ", places)));
        return where;
    }

    private static void add(Map<String, List<String>> found, JsonNode message, String where) {
        List<String> places = found.get(message.path(NOTIFICATION_ID).asText(""));
        if (places != null) {
            places.add(where);
        }
    }

    private static String time(long epochMillis) {
        return epochMillis <= 0 ? "never" : Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String filter(Collection<String> notificationIds) {
        return NOTIFICATION_ID + " IN (" + notificationIds.stream().map(id -> "'" + id.replace("'", "''") + "'")
                .collect(Collectors.joining(",")) + ")";
    }

    private static int attribute(QueueSession session, QueueRequestor management, String queue, String attribute) throws Exception {
        Message request = session.createMessage();
        JMSManagementHelper.putAttribute(request, ResourceNames.QUEUE + queue, attribute);
        Message reply = management.request(request);
        if (!JMSManagementHelper.hasOperationSucceeded(reply)) {
            throw new IllegalStateException(attribute + " of " + queue + " failed: " + JMSManagementHelper.getResult(reply));
        }
        return ((Number) JMSManagementHelper.getResult(reply)).intValue();
    }

    private JsonNode call(QueueSession session, QueueRequestor management, String queue, String operation, Object... arguments)
            throws Exception {
        Message request = session.createMessage();
        JMSManagementHelper.putOperationInvocation(request, ResourceNames.QUEUE + queue, operation, arguments);
        Message reply = management.request(request);
        if (!JMSManagementHelper.hasOperationSucceeded(reply)) {
            throw new IllegalStateException(operation + " on " + queue + " failed: " + JMSManagementHelper.getResult(reply));
        }
        return json.readTree(String.valueOf(JMSManagementHelper.getResult(reply)));
    }
}
