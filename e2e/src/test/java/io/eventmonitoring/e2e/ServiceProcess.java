package io.eventmonitoring.e2e;

import io.eventmonitoring.process.LocalPorts;
import io.eventmonitoring.process.ManagedProcess;
import io.eventmonitoring.process.QuarkusApp;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A packaged service in its own JVM, as in production, launched by process-kit's {@link QuarkusApp} on a free port;
 * its log goes to {@code e2e/target/service-logs}. Adds what the tests ask of it over HTTP.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ManagedProcess app;

    private ServiceProcess(ManagedProcess app) {
        this.app = app;
    }

    /** The repository's root: the build passes it; from the e2e module's folder it is the parent. */
    public static Path repositoryRoot() {
        return Path.of(System.getProperty("eventmonitoring.root", "..")).toAbsolutePath().normalize();
    }

    /** Starts the module's packaged app; secrets go through {@code env} only, never the command line. */
    public static ServiceProcess start(String module, Map<String, String> properties, Map<String, String> env) {
        int port = LocalPorts.free();
        Path log = repositoryRoot().resolve("e2e/target/service-logs").resolve(module + "-" + port + ".log");
        return new ServiceProcess(QuarkusApp.start(repositoryRoot(), module, port, List.of("-Xmx256m"), properties,
                env, log));
    }

    public void awaitReady() {
        QuarkusApp.awaitReady(List.of(app), Duration.ofSeconds(90), new PrintStream(PrintStream.nullOutputStream()));
    }

    HttpResponse<String> postJson(String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Ends the JVM like a crash or an OOM kill would: SIGKILL, no shutdown hooks, no last commit. */
    public void kill() {
        app.kill();
    }

    String output() throws IOException {
        return Files.readString(app.log());
    }

    public URI uri(String path) {
        return app.uri(path);
    }

    @Override
    public void close() {
        app.stop(Duration.ofSeconds(20));
    }
}
