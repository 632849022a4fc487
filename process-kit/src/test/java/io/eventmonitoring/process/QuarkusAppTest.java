package io.eventmonitoring.process;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
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

/** Starts a stand-in service jar exactly as the platform, the end-to-end tests and the benchmarks start the real ones. */
class QuarkusAppTest {

    private static final String WEBHOOK = "https://hooks.example.invalid/services/T0/B0/not-on-a-command-line";

    @TempDir
    Path repoRoot;

    private final List<ManagedProcess> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(ManagedProcess::kill);
    }

    @Test
    void appGetsLoopbackPortAndPropertiesOnItsCommandLineAndTheWebhookOnlyInItsEnvironment() throws Exception {
        FakeServiceJar.write("bridge", repoRoot);
        int port = LocalPorts.free();
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        ManagedProcess bridge = QuarkusApp.start(repoRoot, "bridge", port, List.of("-Xmx64m"),
                Map.of("kafka.bootstrap.servers", "127.0.0.1:39092,127.0.0.1:39093"),
                Map.of("SLACK_WEBHOOK_USER", WEBHOOK), repoRoot.resolve("data/bridge.log"));
        started.add(bridge);
        QuarkusApp.awaitReady(List.of(bridge), Duration.ofSeconds(30), new PrintStream(output, true, StandardCharsets.UTF_8));

        assertThat(output.toString(StandardCharsets.UTF_8)).contains("bridge ready on http://127.0.0.1:" + port);
        HttpResponse<String> settings = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                bridge.uri("/settings")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(settings.body()).isEqualTo("127.0.0.1:39092,127.0.0.1:39093 " + WEBHOOK);
        String commandLine = bridge.handle().info().commandLine().orElseThrow();
        assertThat(commandLine).contains("-Xmx64m", "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-jar " + QuarkusApp.jar(repoRoot, "bridge")).doesNotContain("hooks.example.invalid");
        assertThat(Files.readString(bridge.log())).contains("fake service: listening");
        assertThat(bridge.stop(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void appThatExitsDuringStartupIsReportedWithItsLog() throws Exception {
        FakeServiceJar.write("domain-user", repoRoot);

        assertThatThrownBy(() -> QuarkusApp.startReady(repoRoot, "domain-user", LocalPorts.free(), List.of(), Map.of(),
                Map.of("FAKE_SERVICE_FAIL", "yes"), repoRoot.resolve("data/domain-user.log"), Duration.ofSeconds(30)))
                .isInstanceOf(ProcessException.class)
                .hasMessageContaining("domain-user exited during startup")
                .hasMessageContaining("fake service: refusing to start, as asked");
    }

    @Test
    void missingJarNamesTheBuild() {
        assertThatThrownBy(() -> QuarkusApp.start(repoRoot, "domain-order", LocalPorts.free(), List.of(), Map.of(),
                Map.of(), repoRoot.resolve("data/domain-order.log")))
                .isInstanceOf(ProcessException.class)
                .hasMessageContaining("quarkus-run.jar is missing");
    }
}
