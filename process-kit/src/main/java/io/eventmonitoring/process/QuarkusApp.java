package io.eventmonitoring.process;

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

/**
 * A module's packaged Quarkus app ({@code <module>/target/quarkus-app/quarkus-run.jar}) in its own JVM, as in
 * production: HTTP on 127.0.0.1 at a given port, settings as system properties, secrets in the environment only.
 */
public final class QuarkusApp {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final int LOG_LINES = 15;

    private QuarkusApp() {
    }

    public static Path jar(Path repoRoot, String module) {
        return repoRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /**
     * Starts the app of {@code module}, with {@code jvmOptions} (heap, GC) before the properties; the process is
     * named after the module and works in the module's folder. Does not wait: see {@link #awaitReady}.
     */
    public static ManagedProcess start(Path repoRoot, String module, int port, List<String> jvmOptions,
                                       Map<String, String> properties, Map<String, String> env, Path log) {
        Path jar = jar(repoRoot, module);
        if (!Files.isRegularFile(jar)) {
            throw new ProcessException(jar + " is missing: build it with ./mvnw -DskipTests package");
        }
        JavaCommand java = JavaCommand.forProcess(module)
                .systemProperty("quarkus.http.host", "127.0.0.1")
                .systemProperty("quarkus.http.port", Integer.toString(port));
        jvmOptions.forEach(java::option);
        properties.forEach(java::systemProperty);
        return ProcessLauncher.launch(module, Role.SERVICE, port, java.jar(jar), repoRoot.resolve(module), log, env);
    }

    /** Starts the app and waits for its readiness check; on failure the process is stopped and the error shows its log. */
    public static ManagedProcess startReady(Path repoRoot, String module, int port, List<String> jvmOptions,
                                            Map<String, String> properties, Map<String, String> env, Path log,
                                            Duration timeout) {
        ManagedProcess app = start(repoRoot, module, port, jvmOptions, properties, env, log);
        try {
            awaitReady(List.of(app), timeout, new PrintStream(PrintStream.nullOutputStream()));
        } catch (RuntimeException e) {
            app.kill();
            throw e;
        }
        return app;
    }

    /**
     * Waits until every app's {@code /q/health/ready} answers 200, reporting each as it gets there; fails with the
     * end of its log as soon as one exits or when the time is up.
     */
    public static void awaitReady(List<ManagedProcess> apps, Duration timeout, PrintStream out) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        List<ManagedProcess> waiting = new ArrayList<>(apps);
        while (true) {
            for (Iterator<ManagedProcess> it = waiting.iterator(); it.hasNext(); ) {
                ManagedProcess app = it.next();
                if (!app.isAlive()) {
                    throw new ProcessException(app.name() + " exited during startup; the end of " + app.log() + ":\n"
                            + Logs.tail(app.log(), LOG_LINES));
                }
                if (isReady(app)) {
                    out.printf("[platform] %s ready on http://127.0.0.1:%d after %.1f s%n", app.name(), app.port(),
                            (System.nanoTime() - start) / 1e9);
                    it.remove();
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                ManagedProcess late = waiting.get(0);
                throw new ProcessException(late.name() + " was not ready within " + timeout.toSeconds() + " s ("
                        + late.uri("/q/health/ready") + "); the end of " + late.log() + ":\n"
                        + Logs.tail(late.log(), LOG_LINES));
            }
            Logs.pause(Duration.ofMillis(500), "waiting for " + waiting.get(0).name());
        }
    }

    /** Whether the app's {@code /q/health/ready} answers 200 now. */
    public static boolean isReady(ManagedProcess app) {
        try {
            URI ready = app.uri("/q/health/ready");
            return HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessException("interrupted while waiting for " + app.name());
        }
    }
}
