package io.returnflow.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole service on a free port: real HTTP server, embedded broker, database. The port is
 * chosen before start-up (TestIsolation) so that the sandbox partner URLs, which point back at
 * this server, are known when configuration is bound.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import({PostgresSchemaCleanup.class, TikTokWebhookClient.class, BrokerProbe.class})
public @interface ServiceTest {
}
