package io.returnflow.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole service on a free port: real HTTP server, embedded broker, database, the simulated
 * partners. The port is chosen before start-up (TestIsolation) so that the sandbox partner URLs,
 * which point back at this server, are known when configuration is bound.
 *
 * <p>One context for (nearly) every test class: whatever a test needs of the configuration is here
 * for all of them (a clock tests can move, the consumers only tests feed), so that Spring starts it
 * once. A test class that adds configuration of its own starts a context of its own: only
 * TikTokWebhookSubscriptionTest (subscriptions switched on) and the restart tests do. Tests share
 * the broker, the database and the sandbox: each makes its own merchant, shop and return ids, puts
 * back what it changes (the clock, faults), and waits for the queue it looks at to drain before
 * asserting that something did not happen.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import({PostgresSchemaCleanup.class, TikTokWebhookClient.class, BrokerProbe.class, MutableClock.Config.class, TestRoutes.class,
        FailingStatements.Config.class})
public @interface ServiceTest {
}
