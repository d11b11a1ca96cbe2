package io.returnflow.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A process the harness starts and ends: the service, the partners, the broker. Output goes to a
 * log file (appended across restarts). {@link #kill()} is SIGKILL; {@link #stop()} is SIGTERM, then
 * SIGKILL if it has not ended within the grace period.
 */
class JavaProcess {

    private final String name;
    private final List<String> command;
    private final Path log;
    private final Path workDir;
    private Process process;

    JavaProcess(String name, List<String> command, Path log, Path workDir) {
        this.name = name;
        this.command = List.copyOf(command);
        this.log = log;
        this.workDir = workDir;
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    void start() throws IOException {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        Files.createDirectories(log.getParent());
        Files.writeString(log, "\n==== start " + java.time.Instant.now() + " " + String.join(" ", command) + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        process = new ProcessBuilder(new ArrayList<>(command))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, nothing flushed, in-flight work cut. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** SIGTERM (graceful), SIGKILL after the grace period. */
    void stop(Duration grace) throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            System.out.println("  " + name + " did not stop within " + grace.toSeconds() + " s: SIGKILL");
            kill();
        }
    }
}
