package io.returnflow.messaging;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import io.returnflow.observability.FlowContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The operator's view of dead letters: which dead-letter queues hold how many messages, what each
 * message is and why it failed, and putting messages back on the queue they failed on (replay) or
 * dropping them. Plain JMS against the broker (browse, selective receive by message id, send), so
 * it works on the embedded broker and an external one alike; queue names and depths come from
 * {@link BrokerManagement}.
 * <p>
 * A replay sends a fresh copy of the message to its original queue and removes it from the
 * dead-letter queue in one JMS transaction: it is never lost and never doubled. The copy drops what
 * would stop or delay it: Artemis' duplicate id (the broker would silently drop the copy), its
 * scheduled delivery time, the retry-later bookkeeping (the replay gets a fresh waiting budget) and
 * the dead-letter annotations (except the first failure time). Replaying a message whose work was
 * done meanwhile changes nothing: every consumer is idempotent.
 */
@Component
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    /** Artemis' own annotations on a message it dead-lettered after max-delivery-attempts. */
    static final String BROKER_ORIGINAL_QUEUE = "_AMQ_ORIG_QUEUE";
    static final String BROKER_ORIGINAL_ADDRESS = "_AMQ_ORIG_ADDRESS";
    /** The dead-letter address an Artemis broker.xml usually declares for everything else. */
    static final String BROKER_DEFAULT_DEAD_LETTERS = "DLQ";

    static final int BATCH = 100;
    static final int MAX_REPLAY_ALL = 10_000;
    private static final long RECEIVE_TIMEOUT_MS = 2_000;
    private static final Pattern MESSAGE_ID = Pattern.compile("(ID:)?[A-Za-z0-9-]{1,100}");

    private final ConnectionFactory connections;
    private final BrokerManagement management;
    private final BrokerTopology broker;
    private final ObjectProvider<MessageObserver> observers;

    public DeadLetters(ConnectionFactory connectionFactory, BrokerManagement management, BrokerTopology broker,
                       ObjectProvider<MessageObserver> observers) {
        this.connections = BrokerManagement.direct(connectionFactory);
        this.management = management;
        this.broker = broker;
        this.observers = observers;
    }

    public record DeadLetterQueue(String queue, long depth) {
    }

    /**
     * @param id            the message id (JMSMessageID without its "ID:" prefix)
     * @param originalQueue where a replay sends it, null if that cannot be told
     * @param properties    the message's own headers (TikTok ids, group, retry bookkeeping)
     */
    public record DeadLetter(String id, String originalQueue, String failureReason, Integer attempts,
                             String firstFailureTime, String lastFailureTime, Map<String, Object> properties,
                             String body) {
    }

    public record Skipped(String id, String reason) {
    }

    public record Replay(int replayed, List<String> replayedIds, List<String> notFound, List<Skipped> skipped) {
    }

    /** Dead-letter queues on the broker ({@code DLQ.<queue>}, and the broker's catch-all {@code DLQ}), with their depths. */
    public List<DeadLetterQueue> queues() {
        Set<String> names = new TreeSet<>();
        for (String name : management.queueNames()) {
            if (isDeadLetterQueueName(name)) {
                names.add(name);
            }
        }
        List<DeadLetterQueue> queues = new ArrayList<>();
        management.depths(names).forEach((name, depth) -> queues.add(new DeadLetterQueue(name, depth.messages())));
        return queues;
    }

    /** Whether the broker has this dead-letter queue (other queues are not this API's business). */
    public boolean exists(String queue) {
        return isDeadLetterQueueName(queue) && management.queueNames().contains(queue);
    }

    /** The first {@code limit} messages, oldest first. */
    public List<DeadLetter> browse(String queue, int limit) {
        return inSession(false, session -> {
            List<DeadLetter> letters = new ArrayList<>();
            try (QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
                for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements() && letters.size() < limit; ) {
                    letters.add(describe(queue, (Message) e.nextElement()));
                }
            }
            return letters;
        });
    }

    /** Puts these messages back on their original queues. */
    public Replay replay(String queue, List<String> ids) {
        Set<String> wanted = new LinkedHashSet<>();
        List<String> notFound = new ArrayList<>();
        for (String id : ids) {
            if (id != null && MESSAGE_ID.matcher(id).matches()) {
                wanted.add(jmsId(id));
            } else {
                notFound.add(id);
            }
        }
        return inSession(true, session -> {
            Map<String, String> targets = new LinkedHashMap<>();
            List<Skipped> skipped = new ArrayList<>();
            for (List<String> batch : batches(new ArrayList<>(wanted))) {
                try (QueueBrowser browser = session.createBrowser(session.createQueue(queue), selector(batch))) {
                    for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements(); ) {
                        plan(queue, (Message) e.nextElement(), targets, skipped);
                    }
                }
            }
            return replayPlanned(session, queue, targets, skipped, notFound, wanted);
        });
    }

    /** Puts every message (up to {@value #MAX_REPLAY_ALL} per call) back on its original queue. */
    public Replay replayAll(String queue) {
        return inSession(true, session -> {
            Map<String, String> targets = new LinkedHashMap<>();
            List<Skipped> skipped = new ArrayList<>();
            try (QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
                for (Enumeration<?> e = browser.getEnumeration();
                     e.hasMoreElements() && targets.size() + skipped.size() < MAX_REPLAY_ALL; ) {
                    plan(queue, (Message) e.nextElement(), targets, skipped);
                }
            }
            return replayPlanned(session, queue, targets, skipped, new ArrayList<>(), targets.keySet());
        });
    }

    /** Drops one message for good; false when the queue has no such message. */
    public boolean delete(String queue, String id) {
        if (id == null || !MESSAGE_ID.matcher(id).matches()) {
            return false;
        }
        String selector = selector(List.of(jmsId(id)));
        return inSession(true, session -> {
            try (QueueBrowser browser = session.createBrowser(session.createQueue(queue), selector)) {
                if (!browser.getEnumeration().hasMoreElements()) {
                    return false;
                }
            }
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue), selector)) {
                Message message = consumer.receive(RECEIVE_TIMEOUT_MS);
                if (message == null) {
                    return false;
                }
                session.commit();
                log.warn("Dead letter {} deleted from {} by an operator", id, queue);
                FlowContext about = context(message);
                observers.orderedStream().forEach(observer -> observer.deleted(about, "Deleted from " + queue + " by an operator"));
                return true;
            }
        });
    }

    /**
     * Drops, from every dead-letter queue, the messages {@code which} picks by what they are about
     * and their body (an erased merchant's: their data must not outlive it). No observer is told: a
     * note in the history would bring back what was erased. Answers how many were dropped.
     */
    public int dropWhere(BiPredicate<FlowContext, String> which) {
        int dropped = 0;
        for (DeadLetterQueue queue : queues()) {
            dropped += inSession(true, session -> {
                List<String> ids = new ArrayList<>();
                try (QueueBrowser browser = session.createBrowser(session.createQueue(queue.queue()))) {
                    for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements(); ) {
                        Message message = (Message) e.nextElement();
                        if (which.test(context(message), bodyOf(message))) {
                            ids.add(message.getJMSMessageID());
                        }
                    }
                }
                if (ids.isEmpty()) {
                    return 0;
                }
                int count = 0;
                for (List<String> batch : batches(ids)) {
                    try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue.queue()), selector(batch))) {
                        for (int got = 0; got < batch.size() && consumer.receive(RECEIVE_TIMEOUT_MS) != null; got++) {
                            count++;
                        }
                    }
                }
                session.commit();
                return count;
            });
        }
        return dropped;
    }

    private Replay replayPlanned(Session session, String queue, Map<String, String> targets, List<Skipped> skipped,
                                 List<String> notFound, Set<String> wanted) throws JMSException {
        List<String> replayed = new ArrayList<>();
        MessageProducer producer = session.createProducer(null);
        for (List<String> batch : batches(new ArrayList<>(targets.keySet()))) {
            List<Message> sent = new ArrayList<>();
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue), selector(batch))) {
                for (int i = 0; i < batch.size(); i++) {
                    Message message = consumer.receive(RECEIVE_TIMEOUT_MS);
                    if (message == null) {
                        break;
                    }
                    String target = targets.get(message.getJMSMessageID());
                    producer.send(Queues.destination(session, target), copyOf(session, message), DeliveryMode.PERSISTENT,
                            message.getJMSPriority(), Message.DEFAULT_TIME_TO_LIVE);
                    sent.add(message);
                }
            }
            // sends and removals of the batch commit together
            session.commit();
            for (Message message : sent) {
                String target = targets.get(message.getJMSMessageID());
                replayed.add(plainId(message.getJMSMessageID()));
                FlowContext about = context(message);
                observers.orderedStream().forEach(observer -> observer.replayed(about, "Replayed from " + queue + " to " + target));
            }
        }
        Set<String> accounted = new LinkedHashSet<>(replayed);
        skipped.forEach(s -> accounted.add(s.id()));
        for (String id : wanted) {
            if (!accounted.contains(plainId(id))) {
                notFound.add(plainId(id));
            }
        }
        if (!replayed.isEmpty()) {
            log.warn("{} dead letter(s) replayed from {} by an operator", replayed.size(), queue);
        }
        return new Replay(replayed.size(), replayed, notFound, skipped);
    }

    /** Where a replay sends the message, or why it cannot. */
    private void plan(String queue, Message message, Map<String, String> targets, List<Skipped> skipped)
            throws JMSException {
        String id = message.getJMSMessageID();
        String target = originalQueue(queue, message);
        if (target == null) {
            skipped.add(new Skipped(plainId(id), "the message does not say which queue it failed on"));
        } else if (!(message instanceof TextMessage) && !(message instanceof BytesMessage)) {
            skipped.add(new Skipped(plainId(id), "only text and bytes messages are replayed"));
        } else {
            targets.put(id, target);
        }
    }

    /**
     * The queue the message failed on: as this service's error policy wrote it, as Artemis wrote
     * it when it gave up after max-delivery-attempts (a multicast consumer's queue as
     * {@code address::queue}), or told by the dead-letter queue's name for a declared queue.
     */
    String originalQueue(String deadLetterQueue, Message message) throws JMSException {
        String annotated = message.getStringProperty(DeadLetterHeaders.ORIGINAL_QUEUE);
        if (annotated != null && !annotated.isBlank()) {
            return annotated;
        }
        String brokerQueue = message.getStringProperty(BROKER_ORIGINAL_QUEUE);
        if (brokerQueue != null && !brokerQueue.isBlank()) {
            String address = message.getStringProperty(BROKER_ORIGINAL_ADDRESS);
            return address == null || address.isBlank() || address.equals(brokerQueue) ? brokerQueue
                    : address + "::" + brokerQueue;
        }
        if (!deadLetterQueue.startsWith(BrokerProperties.DEAD_LETTER_PREFIX)) {
            return null;
        }
        String queue = deadLetterQueue.substring(BrokerProperties.DEAD_LETTER_PREFIX.length());
        if (broker.queues().contains(queue)) {
            return queue;
        }
        for (Map.Entry<String, List<String>> topic : broker.topics().entrySet()) {
            if (topic.getValue().contains(queue)) {
                return topic.getKey() + "::" + queue;
            }
        }
        return null;
    }

    private DeadLetter describe(String queue, Message message) throws JMSException {
        String reason = message.getStringProperty(DeadLetterHeaders.REASON);
        if (reason == null && message.propertyExists(BROKER_ORIGINAL_QUEUE)) {
            reason = "the broker gave up after max-delivery-attempts: the consumer never finished it";
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String name : propertyNames(message)) {
            if (!name.startsWith("_AMQ") && !name.startsWith("DeadLetter") && !name.equals("JMSXDeliveryCount")) {
                properties.put(name, message.getObjectProperty(name));
            }
        }
        return new DeadLetter(plainId(message.getJMSMessageID()), originalQueue(queue, message), reason,
                message.propertyExists(DeadLetterHeaders.ATTEMPTS) ? message.getIntProperty(DeadLetterHeaders.ATTEMPTS) : null,
                message.getStringProperty(DeadLetterHeaders.FIRST_FAILURE_TIME),
                message.getStringProperty(DeadLetterHeaders.LAST_FAILURE_TIME), properties, bodyOf(message));
    }

    /** A fresh message with the same body and the headers the work needs, nothing that would stop or delay it. */
    private static Message copyOf(Session session, Message original) throws JMSException {
        return copyOf(session, original, DeadLetters::carriedOver);
    }

    /** A fresh message with the same body and the properties {@code keep} keeps. */
    static Message copyOf(Session session, Message original, java.util.function.Predicate<String> keep) throws JMSException {
        Message copy;
        if (original instanceof TextMessage text) {
            copy = session.createTextMessage(text.getText());
        } else {
            BytesMessage bytes = (BytesMessage) original;
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            BytesMessage copied = session.createBytesMessage();
            copied.writeBytes(body);
            copy = copied;
        }
        for (String name : propertyNames(original)) {
            if (keep.test(name)) {
                copy.setObjectProperty(name, original.getObjectProperty(name));
            }
        }
        copy.setJMSCorrelationID(original.getJMSCorrelationID());
        copy.setJMSType(original.getJMSType());
        return copy;
    }

    static boolean carriedOver(String property) {
        if (property.equals("JMSXGroupID")) {
            return true; // one return's events stay in order
        }
        if (property.startsWith("JMSX") || property.startsWith("JMS_") || property.startsWith("_AMQ")) {
            return false; // broker bookkeeping: duplicate id, scheduled delivery, original address, delivery count
        }
        if (property.startsWith("RetryLater")) {
            return false; // a fresh waiting budget
        }
        if (property.startsWith("DeadLetter")) {
            return property.equals(DeadLetterHeaders.FIRST_FAILURE_TIME);
        }
        return true;
    }

    private static List<String> propertyNames(Message message) throws JMSException {
        List<String> names = new ArrayList<>();
        for (Object name : Collections.list(message.getPropertyNames())) {
            names.add(String.valueOf(name));
        }
        Collections.sort(names);
        return names;
    }

    private static String bodyOf(Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            return text.getText();
        }
        if (message instanceof BytesMessage bytes) {
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            try {
                return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body)).toString();
            } catch (CharacterCodingException notText) {
                return "base64:" + Base64.getEncoder().encodeToString(body);
            }
        }
        return null;
    }

    private static FlowContext context(Message message) {
        return FlowContext.fromHeaders(name -> {
            try {
                return message.getObjectProperty(name);
            } catch (JMSException e) {
                return null;
            }
        });
    }

    static boolean isDeadLetterQueueName(String queue) {
        return queue != null && (queue.equals(BROKER_DEFAULT_DEAD_LETTERS) || queue.startsWith(BrokerProperties.DEAD_LETTER_PREFIX));
    }

    private static String jmsId(String id) {
        return id.startsWith("ID:") ? id : "ID:" + id;
    }

    private static String plainId(String jmsId) {
        return jmsId != null && jmsId.startsWith("ID:") ? jmsId.substring(3) : jmsId;
    }

    /** Ids are checked against {@link #MESSAGE_ID} first: nothing else gets into a selector. */
    private static String selector(List<String> jmsIds) {
        return jmsIds.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", ", "JMSMessageID IN (", ")"));
    }

    private static List<List<String>> batches(List<String> ids) {
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += BATCH) {
            batches.add(ids.subList(i, Math.min(ids.size(), i + BATCH)));
        }
        return batches;
    }

    private interface Work<T> {
        T in(Session session) throws JMSException;
    }

    private <T> T inSession(boolean transacted, Work<T> work) {
        try (Connection connection = connections.createConnection()) {
            connection.start();
            try (Session session = connection.createSession(transacted,
                    transacted ? Session.SESSION_TRANSACTED : Session.AUTO_ACKNOWLEDGE)) {
                return work.in(session);
            }
        } catch (JMSException e) {
            throw new BrokerManagement.BrokerManagementException("dead-letter queue operation failed: " + e.getMessage(), e);
        }
    }
}
