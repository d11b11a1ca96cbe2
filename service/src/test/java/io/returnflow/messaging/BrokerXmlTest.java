package io.returnflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ActiveMQServers;
import org.apache.activemq.artemis.core.server.QueueQueryResult;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.FileSystemResource;

import io.returnflow.support.ServiceTest;

/**
 * docker/broker.xml, the external broker of the prod profile, stays in step with what the service
 * needs: a broker started from that very file, given the queues the service declares at start
 * (ExternalBrokerTopology), has every queue of the service's topology (application.yml's
 * app.broker and every feature's declarations, e.g. one queue per WMS target) with its routing type
 * and dead-letter queue, and the broker's own safety net (address settings naming the same
 * dead-letter addresses) for every work queue and address.
 */
@ServiceTest
class BrokerXmlTest {

    private static final Path BROKER_XML = Path.of("../docker/broker.xml");

    @Autowired
    ObjectProvider<QueueDeclarations> declarations;

    @TempDir
    Path data;

    private ActiveMQServer server;
    private ActiveMQConnectionFactory connections;
    private BrokerTopology topology;
    private BrokerProperties broker;

    @BeforeEach
    void startABrokerFromBrokerXml() throws Exception {
        FileConfiguration configuration = new FileConfiguration();
        FileDeploymentManager deployment = new FileDeploymentManager(BROKER_XML.toUri().toString());
        deployment.addDeployable(configuration);
        deployment.readConfiguration();
        // only what cannot run in a test: a port of its own, files under a temporary directory, no users
        int serverId = 4200 + (int) (ProcessHandle.current().pid() % 700);
        configuration.clearAcceptorConfigurations();
        configuration.addAcceptorConfiguration("in-vm", "vm://" + serverId);
        configuration.setSecurityEnabled(false);
        configuration.setPersistenceEnabled(false);
        configuration.setJournalDirectory(data.resolve("journal").toString());
        configuration.setBindingsDirectory(data.resolve("bindings").toString());
        configuration.setPagingDirectory(data.resolve("paging").toString());
        configuration.setLargeMessagesDirectory(data.resolve("large-messages").toString());
        server = ActiveMQServers.newActiveMQServer(configuration, false);
        server.start();
        connections = new ActiveMQConnectionFactory("vm://" + serverId);
        broker = mainBrokerProperties();
        topology = new BrokerTopology(broker, declarations);
    }

    @AfterEach
    void stop() throws Exception {
        if (connections != null) {
            connections.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aBrokerFromBrokerXmlHasEveryQueueTheServiceNeedsOnceTheServiceDeclaredItsOwn() throws Exception {
        new ExternalBrokerTopology(new BrokerManagement(connections, broker), topology).declare();

        List<String> problems = new ArrayList<>();
        for (String queue : topology.queues()) {
            expectQueue(problems, queue, queue, RoutingType.ANYCAST);
            expectQueue(problems, "DLQ." + queue, "DLQ." + queue, RoutingType.ANYCAST);
            expectSafetyNet(problems, queue);
        }
        topology.topics().forEach((address, queues) -> {
            for (String queue : queues) {
                expectQueue(problems, address, queue, RoutingType.MULTICAST);
                expectQueue(problems, "DLQ." + queue, "DLQ." + queue, RoutingType.ANYCAST);
            }
            expectQueue(problems, "DLQ." + address, "DLQ." + address, RoutingType.ANYCAST);
            expectSafetyNet(problems, address);
        });
        assertThat(problems).as("what " + BROKER_XML + " and the service's declarations lack").isEmpty();
        assertThat(topology.topics().get("returns.created")).as("the WMS targets' queues are part of the topology")
                .contains("returns.created.netsuite", "returns.created.shiphero", "returns.created.shopify");
    }

    @Test
    void namesAWorkAddressThatBrokerXmlGivesNoDeadLetterAddress() throws Exception {
        BrokerProperties withNewAddress = new BrokerProperties(broker.queues(), java.util.Map.of("returns.reopened",
                List.of("returns.reopened.tiktok")), broker.maxDeliveryAttempts(), broker.duplicateIdCacheSize(),
                broker.managementAddress());
        BrokerTopology wider = new BrokerTopology(withNewAddress, declarations);

        List<String> problems = new ArrayList<>();
        expectSafetyNet(problems, wider.topics().keySet().stream().filter("returns.reopened"::equals).findFirst().orElseThrow());

        assertThat(problems).containsExactly("address returns.reopened: broker.xml names dead-letter address DLQ"
                + " (expected DLQ.returns.reopened) and 10 delivery attempts (expected 50)");
    }

    private void expectQueue(List<String> problems, String address, String queue, RoutingType routing) {
        try {
            QueueQueryResult found = server.queueQuery(SimpleString.of(queue));
            if (found == null || !found.isExists()) {
                problems.add("queue " + queue + " is missing");
            } else if (!SimpleString.of(address).equals(found.getAddress()) || found.getRoutingType() != routing
                    || !found.isDurable()) {
                problems.add("queue " + queue + " is on " + found.getAddress() + " as " + found.getRoutingType()
                        + (found.isDurable() ? "" : ", not durable") + " (expected " + address + ", " + routing + ")");
            }
        } catch (Exception e) {
            problems.add("queue " + queue + " cannot be asked about: " + e.getMessage());
        }
    }

    /** The broker's own dead-lettering (max-delivery-attempts) lands where the routes' dead letters do. */
    private void expectSafetyNet(List<String> problems, String address) {
        AddressSettings settings = server.getAddressSettingsRepository().getMatch(address);
        String deadLetters = settings.getDeadLetterAddress() == null ? null : settings.getDeadLetterAddress().toString();
        if (!("DLQ." + address).equals(deadLetters) || settings.getMaxDeliveryAttempts() != broker.maxDeliveryAttempts()) {
            problems.add("address " + address + ": broker.xml names dead-letter address " + deadLetters + " (expected DLQ."
                    + address + ") and " + settings.getMaxDeliveryAttempts() + " delivery attempts (expected "
                    + broker.maxDeliveryAttempts() + ")");
        }
    }

    /** app.broker as application.yml has it (the test profile adds test queues broker.xml rightly lacks). */
    private static BrokerProperties mainBrokerProperties() throws Exception {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new FileSystemResource("src/main/resources/application.yml"));
        Properties properties = yaml.getObject();
        assertThat(Files.exists(BROKER_XML)).isTrue();
        return new Binder(new MapConfigurationPropertySource(properties)).bind("app.broker", BrokerProperties.class).get();
    }
}
