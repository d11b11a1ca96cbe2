package io.returnflow.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.FileSystemResource;

/**
 * Every route file under src/main/resources/routes, checked on its own (RouteFileCheck): a route
 * file that does not load, or a route without the shared error policy, fails with a message that
 * names the file. The other tests show the checks can fail.
 */
class RouteFilesTest {

    static final Path ROUTES = Path.of("src/main/resources/routes");

    @Test
    void everyRouteFileLoadsAndUsesTheSharedErrorPolicy() throws IOException {
        Map<String, String> files = routeFiles();
        assertThat(files).isNotEmpty();

        assertThat(check().check(files)).as("route files with problems").isEmpty();
    }

    @Test
    void namesAFileThatIsNotValidYamlDsl() throws IOException {
        Map<String, String> files = routeFiles();
        files.put("broken.camel.yaml", """
                # broken
                - route:
                    id: broken
                    from:
                      uri: direct:broken
                      steps:
                        - sendTo: direct:nowhere
                """);

        assertThat(check().check(files)).singleElement().asString()
                .startsWith("broken.camel.yaml: is not a valid route file: ");
    }

    @Test
    void namesAQueueConsumerWithoutTheQueueConsumerPolicy() throws IOException {
        Map<String, String> files = routeFiles();
        files.put("careless.camel.yaml", """
                # consumes a queue without the shared policy
                - route:
                    id: careless
                    from:
                      uri: jms:queue:tiktok.return-events
                      steps:
                        - log: "${body}"
                """);

        assertThat(check().check(files)).containsExactly("careless.camel.yaml: route careless consumes"
                + " jms:queue:tiktok.return-events without the shared error policy: add routeConfigurationId: queue-consumer-policy");
    }

    @Test
    void namesATimerWithoutThePollingPolicyAndAnHttpRouteWithoutTheWebhookAnswers() throws IOException {
        Map<String, String> files = routeFiles();
        files.put("poller.camel.yaml", """
                # polls
                - route:
                    id: poller
                    routeConfigurationId: queue-consumer-policy
                    from:
                      uri: timer:poll
                      steps:
                        - log: tick
                """);
        files.put("listener.camel.yaml", """
                # listens
                - route:
                    id: listener
                    from:
                      uri: servlet:/other
                      steps:
                        - log: hello
                """);

        assertThat(check().check(files)).containsExactlyInAnyOrder(
                "poller.camel.yaml: route poller consumes timer:poll without the shared error policy: add routeConfigurationId: polling-policy",
                "listener.camel.yaml: route listener consumes servlet:/other without the shared error policy: add routeConfigurationId: webhook-answers");
    }

    @Test
    void namesAnUnknownEndpointOptionAMissingCommentAndASecondRouteInOneFile() throws IOException {
        Map<String, String> files = routeFiles();
        files.put("sloppy.camel.yaml", """
                - route:
                    id: sloppy
                    routeConfigurationId: queue-consumer-policy
                    from:
                      uri: jms:queue:tiktok.return-events
                      parameters:
                        concurentConsumers: 2
                      steps:
                        - log: "${body}"
                - route:
                    id: sloppy-too
                    from:
                      uri: direct:sloppy-too
                      steps:
                        - log: "${body}"
                """);

        assertThat(check().check(files)).satisfiesExactlyInAnyOrder(
                p -> assertThat(p).isEqualTo("sloppy.camel.yaml: starts without a comment saying what the route does and why"),
                p -> assertThat(p).isEqualTo("sloppy.camel.yaml: holds 2 route(s), 0 route configuration(s) and 0 route template(s); keep exactly one per file"),
                p -> assertThat(p).startsWith("sloppy.camel.yaml: route sloppy has an endpoint that does not resolve, jms:queue:tiktok.return-events?concurentConsumers=2")
                        .contains("concurentConsumers"));
    }

    @Test
    void checksARouteMadeFromATemplateOfAnotherFileWithItsParameters() throws IOException {
        Map<String, String> files = routeFiles();
        files.put("wms-careless.camel.yaml", """
                # a WMS target whose consumer count is not a number
                - templatedRoute:
                    routeTemplateRef: wms-return-authorization
                    routeId: wms-careless
                    parameters:
                      - name: target
                        value: CARELESS
                      - name: queue
                        value: returns.created.careless
                      - name: connector
                        value: carelessConnector
                      - name: consumers
                        value: many
                """);

        assertThat(check().check(files)).singleElement().asString()
                .startsWith("wms-careless.camel.yaml: route wms-careless has an endpoint that does not resolve")
                .contains("concurrentConsumers");
    }

    static Map<String, String> routeFiles() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.list(ROUTES)) {
            for (Path path : paths.filter(p -> p.getFileName().toString().endsWith(".camel.yaml")).toList()) {
                files.put(path.getFileName().toString(), Files.readString(path));
            }
        }
        return files;
    }

    /** application.yml and the test profile's values, for the placeholders in endpoint URIs. */
    private static RouteFileCheck check() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new FileSystemResource("src/main/resources/application.yml"),
                new FileSystemResource("src/test/resources/application-test.yml"));
        Properties properties = yaml.getObject();
        return new RouteFileCheck(properties);
    }
}
