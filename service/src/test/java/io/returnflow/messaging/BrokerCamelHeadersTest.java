package io.returnflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;

import jakarta.jms.Message;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.support.ApiClient;
import io.returnflow.support.BrokerProbe;
import io.returnflow.support.DeadLetters;
import io.returnflow.support.ServiceTest;
import io.returnflow.support.TikTokWebhookClient;

import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsEndpoint;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jms.core.JmsTemplate;

/**
 * CVE-2026-40453 (Camel 4.17's JMS header filter drops only headers starting "Camel" or "camel"):
 * a message on the broker whose properties name Camel-internal headers in another case, such as
 * CAMELJMSDESTINATIONNAME, must not steer what a consumer does with it. Here it would choose where
 * the consumer's dead letter is sent.
 */
@ServiceTest
class BrokerCamelHeadersTest {

    private static final String SHOP_EVENTS = "tiktok.shop-events";
    private static final String ATTACKER_QUEUE = "attacker.inbox";

    @Autowired
    JmsTemplate jms;
    @Autowired
    BrokerProbe broker;
    @Autowired
    CamelContext camel;
    @Value("${local.server.port}")
    int port;

    @Test
    void aCamelHeaderInAnotherCaseFromTheBrokerDoesNotChooseWhereTheMessageGoes() throws Exception {
        String notificationId = TikTokWebhookClient.newId();
        // type 99: the shop-events consumer has no handling for it, so it dead-letters the message
        jms.convertAndSend(SHOP_EVENTS, "{\"type\":99}", message -> {
            message.setStringProperty("TikTokNotificationId", notificationId);
            message.setStringProperty("TikTokShopId", "shop-" + notificationId);
            message.setIntProperty("TikTokEventType", 99);
            message.setStringProperty("CAMELJMSDESTINATIONNAME", ATTACKER_QUEUE);
            message.setStringProperty("cAmElHttpUri", "http://attacker.invalid/");
            message.setStringProperty("CAMELSQLQUERY", "DELETE FROM returns");
            return message;
        });

        JsonNode dead = new DeadLetters(new ApiClient(port)).awaitMessage("DLQ." + SHOP_EVENTS,
                m -> m.path("failureReason").asText().contains("type 99"));

        assertThat(dead.path("originalQueue").asText()).isEqualTo(SHOP_EVENTS);
        assertThat(broker.browse(ATTACKER_QUEUE)).as("nothing reached the queue the header named").isEmpty();
        Message parked = broker.browse("DLQ." + SHOP_EVENTS).stream()
                .filter(m -> notificationId.equals(property(m, "TikTokNotificationId"))).findFirst().orElseThrow();
        List<String> names = Collections.list(parked.getPropertyNames()).stream().map(String::valueOf).toList();
        assertThat(names).as("no Camel header of any case crossed the broker again")
                .noneMatch(name -> name.regionMatches(true, 0, "camel", 0, 5));
    }

    @Test
    void everyJmsEndpointDropsCamelHeadersOfAnyCaseFromTheBroker() {
        List<JmsEndpoint> endpoints = camel.getEndpoints().stream()
                .filter(JmsEndpoint.class::isInstance).map(JmsEndpoint.class::cast).toList();
        assertThat(endpoints).as("the routes' JMS consumers").isNotEmpty();

        for (JmsEndpoint endpoint : endpoints) {
            HeaderFilterStrategy filter = endpoint.getHeaderFilterStrategy();
            var exchange = new DefaultExchange(camel);
            for (String name : List.of("CamelJmsDestinationName", "camelHttpUri", "CAMELJMSDESTINATIONNAME", "cAmElSqlQuery")) {
                assertThat(filter.applyFilterToExternalHeaders(name, "x", exchange)).as(endpoint.getEndpointUri() + " " + name).isTrue();
                assertThat(filter.applyFilterToCamelHeaders(name, "x", exchange)).as(endpoint.getEndpointUri() + " " + name).isTrue();
            }
            assertThat(filter.applyFilterToExternalHeaders("TikTokReturnId", "x", exchange)).isFalse();
            assertThat(filter.applyFilterToCamelHeaders("JMSXGroupID", "x", exchange)).isFalse();
        }
    }

    private static String property(Message message, String name) {
        try {
            return message.getStringProperty(name);
        } catch (Exception e) {
            return null;
        }
    }
}
