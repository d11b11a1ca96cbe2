package io.returnflow.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much of the service the merchant API may take (merchant keys; the admin token is not
 * limited). A request over a limit is answered at once, never queued.
 *
 * @param maxConcurrent           requests of all merchant keys in progress at once (each may wait on a
 *                                partner): well under server.tomcat.threads.max, so the webhook intake
 *                                always has threads; over it, 503 with Retry-After
 * @param maxConcurrentPerKey     requests of one key in progress at once; over it, 429 with Retry-After
 * @param requestsPerSecondPerKey requests one key may start per second; over it, 429 with Retry-After
 */
@ConfigurationProperties("app.api.limits")
public record ApiLimitProperties(
        @DefaultValue("64") int maxConcurrent,
        @DefaultValue("8") int maxConcurrentPerKey,
        @DefaultValue("50") int requestsPerSecondPerKey) {
}
