package io.eventmonitoring.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A packaged domain service ({@code <module>/target/quarkus-app/quarkus-run.jar}) in its own JVM. */
final class ServiceProcess implements AutoCloseable {

    private final String module;
    private final Process process;
    private final Path log;
    final int port;

    private ServiceProcess(String module, Process process, Path log, int port) {
        this.module = module;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    static ServiceProcess start(String module, String bootstrapServers, Map<String, String> properties) throws Exception {
        Path jar = Path.of(module, "target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: bench/domain-services.sh builds it");
        }
        int port = freePort();
        Path log = Files.createTempFile("bench-" + module + "-", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // A fixed, pre-touched heap, as for a latency-sensitive service: growing it mid-phase faults in
                // fresh pages.
                "-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dkafka.bootstrap.servers=" + bootstrapServers));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServiceProcess service = new ServiceProcess(module, process, log, port);
        service.awaitReady();
        return service;
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // The service is still starting.
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new IllegalStateException(module + " not ready in 120 s:\n" + Files.readString(log));
    }

    /** CPU time the service's JVM has used so far (all its threads). */
    Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElseThrow(
                () -> new IllegalStateException("this platform does not report the CPU time of " + module));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(log);
    }
}
