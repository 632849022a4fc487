package io.eventmonitoring.local.services;

import io.eventmonitoring.local.DataDir;
import io.eventmonitoring.local.PlatformException;
import io.eventmonitoring.local.Ports;
import io.eventmonitoring.local.process.ManagedProcess;
import io.eventmonitoring.local.process.ProcessLauncher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Starts a stand-in service jar exactly as the platform starts the real ones. */
class ServiceLauncherTest {

    private static final String WEBHOOK = "https://hooks.example.invalid/services/T0/B0/not-on-a-command-line";

    @TempDir
    Path repoRoot;

    private final List<ManagedProcess> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(p -> p.handle().destroyForcibly());
    }

    @Test
    void serviceGetsLoopbackPortAndKafkaOnItsCommandLineAndTheWebhookOnlyInItsEnvironment() throws Exception {
        FakeServiceJar.write(Service.BRIDGE, repoRoot);
        int port = Ports.free().bridge();
        ServiceLauncher launcher = new ServiceLauncher(repoRoot, new DataDir(repoRoot.resolve("data")),
                new ProcessLauncher());
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        ManagedProcess bridge = launcher.start(Service.BRIDGE, port, "127.0.0.1:39092,127.0.0.1:39093",
                Map.of("SLACK_WEBHOOK_USER", WEBHOOK));
        started.add(bridge);
        launcher.awaitReady(List.of(bridge), Duration.ofSeconds(30), new PrintStream(output, true, StandardCharsets.UTF_8));

        assertThat(output.toString(StandardCharsets.UTF_8)).contains("bridge ready on http://127.0.0.1:" + port);
        HttpResponse<String> settings = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/settings")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(settings.body()).isEqualTo("127.0.0.1:39092,127.0.0.1:39093 " + WEBHOOK);
        String commandLine = bridge.handle().info().commandLine().orElseThrow();
        assertThat(commandLine).contains("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-jar " + Service.BRIDGE.jar(repoRoot)).doesNotContain("hooks.example.invalid");
        assertThat(Files.readString(bridge.log())).contains("fake service: listening");
    }

    @Test
    void serviceThatExitsDuringStartupIsReportedWithItsLog() throws Exception {
        FakeServiceJar.write(Service.DOMAIN_USER, repoRoot);
        ServiceLauncher launcher = new ServiceLauncher(repoRoot, new DataDir(repoRoot.resolve("data")),
                new ProcessLauncher());

        ManagedProcess user = launcher.start(Service.DOMAIN_USER, Ports.free().user(), "127.0.0.1:1",
                Map.of("FAKE_SERVICE_FAIL", "yes"));
        started.add(user);

        assertThatThrownBy(() -> launcher.awaitReady(List.of(user), Duration.ofSeconds(30),
                new PrintStream(OutputStream.nullOutputStream())))
                .isInstanceOf(PlatformException.class)
                .hasMessageContaining("domain-user exited during startup")
                .hasMessageContaining("fake service: refusing to start, as asked");
    }
}
