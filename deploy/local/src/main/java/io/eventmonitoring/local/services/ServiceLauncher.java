package io.eventmonitoring.local.services;

import io.eventmonitoring.local.DataDir;
import io.eventmonitoring.local.PlatformException;
import io.eventmonitoring.local.process.JavaCommand;
import io.eventmonitoring.local.process.Logs;
import io.eventmonitoring.local.process.ManagedProcess;
import io.eventmonitoring.local.process.ProcessLauncher;
import io.eventmonitoring.local.process.Role;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Starts the services' fast-jars against the local cluster and waits for their readiness checks. */
public final class ServiceLauncher {

    public static final String BUILD_COMMAND = "./mvnw -q -DskipTests install";

    private final Path repoRoot;
    private final DataDir dataDir;
    private final ProcessLauncher launcher;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public ServiceLauncher(Path repoRoot, DataDir dataDir, ProcessLauncher launcher) {
        this.repoRoot = repoRoot;
        this.dataDir = dataDir;
        this.launcher = launcher;
    }

    /** Fails, naming the build command, if a service's jar is missing; checked before anything starts. */
    public void checkBuilt(List<Service> services) {
        List<Service> missing = services.stream().filter(s -> !Files.isRegularFile(s.jar(repoRoot))).toList();
        if (!missing.isEmpty()) {
            throw new PlatformException("not built: " + missing.stream()
                    .map(s -> s.module() + " (" + repoRoot.relativize(s.jar(repoRoot)) + ")")
                    .collect(Collectors.joining(", "))
                    + "; build them from the repository root with: " + BUILD_COMMAND
                    + " (or start with --no-services)");
        }
    }

    /** Starts a service; {@code env} carries its secrets, which never appear on its command line. */
    public ManagedProcess start(Service service, int port, String bootstrapServers, Map<String, String> env) {
        List<String> command = JavaCommand.forProcess(service.module())
                .maxHeap("256m")
                .systemProperty("quarkus.http.host", "127.0.0.1")
                .systemProperty("quarkus.http.port", Integer.toString(port))
                .systemProperty("kafka.bootstrap.servers", bootstrapServers)
                .jar(service.jar(repoRoot));
        return launcher.launch(service.module(), Role.SERVICE, port, command, service.moduleDir(repoRoot),
                dataDir.log(service.module()), env);
    }

    /** Waits until {@code /q/health/ready} answers 200; fails with the end of the log if the service exits. */
    public void awaitReady(ManagedProcess service, Duration timeout) {
        URI ready = URI.create("http://127.0.0.1:" + service.port() + "/q/health/ready");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!service.isAlive()) {
                throw new PlatformException(service.name() + " exited during startup; the end of " + service.log()
                        + ":\n" + Logs.tail(service.log(), 30));
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformException("interrupted while waiting for " + service.name());
            }
            if (System.nanoTime() > deadline) {
                throw new PlatformException(service.name() + " was not ready within " + timeout.toSeconds()
                        + " s (" + ready + "); the end of " + service.log() + ":\n" + Logs.tail(service.log(), 30));
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformException("interrupted while waiting for " + service.name());
            }
        }
    }
}
