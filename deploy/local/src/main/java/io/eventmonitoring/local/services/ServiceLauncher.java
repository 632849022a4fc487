package io.eventmonitoring.local.services;

import io.eventmonitoring.local.DataDir;
import io.eventmonitoring.local.PlatformException;
import io.eventmonitoring.local.process.JavaCommand;
import io.eventmonitoring.local.process.Logs;
import io.eventmonitoring.local.process.ManagedProcess;
import io.eventmonitoring.local.process.ProcessLauncher;
import io.eventmonitoring.local.process.Role;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Starts the services' fast-jars against the local cluster and waits for their readiness checks. */
public final class ServiceLauncher {

    public static final String BUILD_COMMAND = "./mvnw -q -DskipTests install";
    private static final int LOG_LINES = 15;

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

    /**
     * Waits until every service's {@code /q/health/ready} answers 200, reporting each as it gets there; fails with
     * the end of its log as soon as one exits or when the time is up.
     */
    public void awaitReady(List<ManagedProcess> services, Duration timeout, PrintStream out) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        List<ManagedProcess> waiting = new ArrayList<>(services);
        while (!waiting.isEmpty()) {
            for (Iterator<ManagedProcess> it = waiting.iterator(); it.hasNext(); ) {
                ManagedProcess service = it.next();
                if (!service.isAlive()) {
                    throw new PlatformException(service.name() + " exited during startup; the end of "
                            + service.log() + ":\n" + Logs.tail(service.log(), LOG_LINES));
                }
                if (isReady(service)) {
                    out.printf("[platform] %s ready on http://127.0.0.1:%d after %.1f s%n", service.name(),
                            service.port(), (System.nanoTime() - start) / 1e9);
                    it.remove();
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                ManagedProcess late = waiting.get(0);
                throw new PlatformException(late.name() + " was not ready within " + timeout.toSeconds() + " s ("
                        + readiness(late) + "); the end of " + late.log() + ":\n" + Logs.tail(late.log(), LOG_LINES));
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformException("interrupted while waiting for the services");
            }
        }
    }

    private boolean isReady(ManagedProcess service) {
        try {
            return http.send(HttpRequest.newBuilder(readiness(service)).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted while waiting for " + service.name());
        }
    }

    private static URI readiness(ManagedProcess service) {
        return URI.create("http://127.0.0.1:" + service.port() + "/q/health/ready");
    }
}
