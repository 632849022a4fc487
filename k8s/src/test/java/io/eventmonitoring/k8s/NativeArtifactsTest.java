package io.eventmonitoring.k8s;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The Dockerfiles and the native workflow agree with the services and with what the manifests run. */
class NativeArtifactsTest {

    private static final List<String> SERVICES = ServiceModule.NAMES;
    private static final Path WORKFLOW = Repo.ROOT.resolve(".github/workflows/native.yml");

    @ParameterizedTest
    @FieldSource("SERVICES")
    void theNativeDockerfileCompilesThisModuleWithMandrelAndRunsItAsTheManifestsUser(String module) {
        String dockerfile = ServiceModule.read(Repo.ROOT.resolve(module).resolve("src/main/docker/Dockerfile.native"));

        assertThat(dockerfile).contains("FROM quay.io/quarkus/ubi9-quarkus-mandrel-builder-image:jdk-25 AS build");
        assertThat(dockerfile).contains("-pl " + module + " -am -Dnative");
        assertThat(dockerfile).contains("/" + module + "/target/*-runner");
        assertThat(lastMatch(dockerfile, "(?m)^USER (\\d+)$")).isEqualTo(String.valueOf(manifestUser(module)));
        assertThat(lastMatch(dockerfile, "(?m)^EXPOSE (\\d+)\\b")).isEqualTo(String.valueOf(httpPort(module)));
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void theJvmDockerfileRunsThisModulesFastJar(String module) {
        String dockerfile = ServiceModule.read(Repo.ROOT.resolve(module).resolve("src/main/docker/Dockerfile.jvm"));

        assertThat(dockerfile).contains("-pl " + module + " -am -DskipTests package");
        assertThat(dockerfile).contains("/" + module + "/target/quarkus-app/");
        assertThat(dockerfile).contains("quarkus-run.jar");
        assertThat(lastMatch(dockerfile, "(?m)^EXPOSE (\\d+)\\b")).isEqualTo(String.valueOf(httpPort(module)));
    }

    @Test
    void theWorkflowBuildsEveryServiceNativelyRunsItsIntegrationTestsAndItsImage() throws IOException {
        JsonNode job = Manifests.YAML.readTree(Files.readString(WORKFLOW)).at("/jobs/native");
        List<String> modules = new ArrayList<>();
        job.at("/strategy/matrix/module").forEach(m -> modules.add(m.asString()));
        StringBuilder commands = new StringBuilder();
        job.path("steps").forEach(step -> commands.append(step.path("run").asString("")).append('\n'));

        assertThat(modules).containsExactlyInAnyOrderElementsOf(SERVICES);
        assertThat(commands.toString())
                .contains("-Dnative -Dquarkus.native.container-build=true -DskipITs=false")
                .contains("-f ${{ matrix.module }}/src/main/docker/Dockerfile.native")
                .contains("-t eventmonitoring/${{ matrix.module }}:");
    }

    @Test
    void theManifestsRunTheImagesTheWorkflowBuilds() {
        for (String module : SERVICES) {
            String deployment = ServiceModule.read(Repo.K8S.resolve("base/services/" + module + ".yaml"));
            assertThat(deployment).contains("image: eventmonitoring/" + module + "\n");
        }
    }

    private static int manifestUser(String module) {
        String pod = ServiceModule.read(Repo.K8S.resolve("base/services/service-pod.yaml"));
        assertThat(Repo.K8S.resolve("base/services/" + module + ".yaml")).exists();
        return Integer.parseInt(lastMatch(pod, "runAsUser: (\\d+)"));
    }

    private static int httpPort(String module) {
        return ServiceModule.load(module).map(ServiceModule::httpPort).orElse(8080);
    }

    private static String lastMatch(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        String last = null;
        while (matcher.find()) {
            last = matcher.group(1);
        }
        assertThat(last).as(regex).isNotNull();
        return last;
    }
}
