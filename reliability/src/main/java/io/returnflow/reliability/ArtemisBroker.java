package io.returnflow.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A standalone ActiveMQ Artemis broker from the apache-artemis bin distribution: an instance made
 * with {@code artemis create}, its broker.xml replaced by the service's docker/broker.xml (the same
 * queues, dead-letter queues and address settings as the embedded broker), listening on a loopback
 * port only. A restart is SIGTERM (the broker shuts down cleanly), then a new start on the same
 * journal.
 */
final class ArtemisBroker {

    static final String USER = "returns";

    private final Path home;
    private final Path instance;
    private final int port;
    private final String password;
    private final JavaProcess process;

    ArtemisBroker(Path home, Path instance, int port, String password) {
        this.home = home;
        this.instance = instance;
        this.port = port;
        this.password = password;
        this.process = new JavaProcess("broker", List.of(instance.resolve("bin/artemis").toString(), "run"),
                instance.resolve("log/harness-run.log"), instance);
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    String password() {
        return password;
    }

    /** Creates the instance and installs the service's broker.xml, bound to 127.0.0.1:port. */
    void create(Path brokerXml) throws IOException, InterruptedException {
        Process create = new ProcessBuilder(home.resolve("bin/artemis").toString(), "create", instance.toString(),
                "--silent", "--force", "--no-web", "--require-login", "--user", USER, "--password", password,
                "--host", "127.0.0.1", "--no-amqp-acceptor", "--no-mqtt-acceptor", "--no-stomp-acceptor",
                "--no-hornetq-acceptor")
                .redirectErrorStream(true)
                .redirectOutput(instance.resolveSibling(instance.getFileName() + "-create.log").toFile())
                .start();
        if (!create.waitFor(3, TimeUnit.MINUTES) || create.exitValue() != 0) {
            throw new IllegalStateException("artemis create failed; see " + instance + "-create.log");
        }
        String xml = Files.readString(brokerXml, StandardCharsets.UTF_8);
        String acceptor = "tcp://0.0.0.0:61616?protocols=CORE;useEpoll=true;";
        if (!xml.contains(acceptor)) {
            throw new IllegalStateException(brokerXml + " no longer has the acceptor " + acceptor);
        }
        xml = xml.replace(acceptor, "tcp://127.0.0.1:" + port + "?protocols=CORE;");
        Files.writeString(instance.resolve("etc/broker.xml"), xml, StandardCharsets.UTF_8);
    }

    void start() throws IOException, InterruptedException {
        long started = System.nanoTime();
        long logSize = Files.exists(process.log()) ? Files.size(process.log()) : 0;
        process.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the broker exited during start-up; see " + process.log());
            }
            if (Files.exists(process.log()) && Files.size(process.log()) > logSize
                    && Files.readString(process.log()).substring((int) logSize).contains("AMQ221007")) { // Server is now active
                System.out.printf("  broker up on %s in %.1f s (pid %d)%n", url(), (System.nanoTime() - started) / 1e9, process.pid());
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the broker was not active after 2 minutes; see " + process.log());
    }

    void stop() throws InterruptedException {
        process.stop(Duration.ofSeconds(60));
    }

    void restart() throws IOException, InterruptedException {
        stop();
        start();
    }
}
