package io.returnflow.messaging;

import org.apache.camel.component.jms.JmsHeaderFilterStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The header filter of every JMS endpoint (camel.component.jms.header-filter-strategy), against
 * CVE-2026-40453: Camel 4.17's JMS filter drops only properties starting "Camel" or "camel", while
 * Camel looks headers up ignoring case, so a message on the broker carrying, say,
 * {@code CAMELJMSDESTINATIONNAME} would choose where a consumer's next send goes. This is Camel's
 * own JMS filter with its lower-case check on: a Camel-internal header of any case is dropped in
 * both directions. No flow carries a Camel header across the broker on purpose (the event headers
 * are TikTok*, JMSXGroupID, _AMQ_*, RetryLater*, DeadLetter*, MerchantId...).
 */
@Configuration(proxyBeanMethods = false)
class BrokerHeaderFilter {

    @Bean
    JmsHeaderFilterStrategy camelHeadersOfAnyCase() {
        JmsHeaderFilterStrategy filter = new JmsHeaderFilterStrategy();
        filter.setLowerCase(true);
        return filter;
    }
}
