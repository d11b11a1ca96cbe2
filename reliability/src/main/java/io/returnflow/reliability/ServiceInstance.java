package io.returnflow.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A packaged jar run as a process on a loopback port: a service instance under test (prod profile)
 * or the sandbox's partners process (answering for TikTok, Shopify, NetSuite and ShipHero).
 */
final class ServiceInstance {

    private final JavaProcess process;
    private final int port;
    private final Http http = new Http();
    /** Started and not killed or stopped since (it may still be DOWN for a while, e.g. while its broker restarts). */
    private volatile boolean running;

    ServiceInstance(String name, Path jar, int port, List<String> javaOptions, List<String> arguments, Path log, Path workDir) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.address=127.0.0.1");
        command.add("--server.port=" + port);
        command.addAll(arguments);
        this.process = new JavaProcess(name, command, log, workDir);
        this.port = port;
    }

    String name() {
        return process.name();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Starts the process and waits until /actuator/health is UP. */
    void start(Duration patience) throws IOException, InterruptedException {
        long started = System.nanoTime();
        process.start();
        awaitUp(patience);
        running = true;
        System.out.printf("  %s up on port %d in %.1f s (pid %d)%n", name(), port, (System.nanoTime() - started) / 1e9, process.pid());
    }

    void kill() throws InterruptedException {
        running = false;
        process.kill();
    }

    void stop() throws InterruptedException {
        running = false;
        process.stop(Duration.ofSeconds(45));
    }

    boolean isRunning() {
        return running && process.isAlive();
    }

    boolean isUp() {
        try {
            HttpResponse<String> health = http.get(uri("/actuator/health"), null);
            return health.statusCode() == 200 && health.body().startsWith("{\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitUp(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name() + " exited during start-up; see " + process.log());
            }
            if (isUp()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name() + " was not UP after " + patience.toSeconds() + " s; see " + process.log());
    }
}
