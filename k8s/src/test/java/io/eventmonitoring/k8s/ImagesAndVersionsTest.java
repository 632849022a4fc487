package io.eventmonitoring.k8s;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * prod runs released images from a named registry, and one Elastic stack version holds across the manifests, the
 * tests and the docs: k8s/base/elastic/stack.env for the manifests, elasticsearch.version in deploy/elastic/pom.xml
 * for the tests (Maven cannot read the one, kustomize not the other), and this test for their agreement.
 */
class ImagesAndVersionsTest {

    private static final List<String> OVERLAYS = Overlays.NAMES;
    private static final Pattern RELEASE = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");
    /** A version named after one of the stack's products in prose, e.g. "Elasticsearch 8.19.21", "(stack 8.19.21)". */
    private static final Pattern STACK_IN_PROSE =
            Pattern.compile("(?:[Ss]tack|Elasticsearch|Kibana|Logstash) (\\d+\\.\\d+\\.\\d+)");

    @Test
    void prodRunsTheServicesReleaseFromAnExplicitRegistry() {
        Properties release = Repo.envFile(Repo.overlay("prod").resolve("release.env"));
        String registry = release.getProperty("IMAGE_REGISTRY", "");
        String tag = release.getProperty("IMAGE_TAG", "");

        assertThat(registry).as("a registry host, not Docker Hub by default").matches("[a-z0-9.-]+\\.[a-z]+(:\\d+)?(/.*)?");
        assertThat(tag).as("a release version: immutable, never SNAPSHOT or latest").matches(RELEASE);
        assertThat(compare(tag, Images.projectVersion().replace("-SNAPSHOT", "")))
                .as("the release is not newer than the tree").isLessThanOrEqualTo(0);
        for (ObjectNode deployment : Overlays.rendered("prod").ofKind("Deployment")) {
            assertThat(deployment.at("/spec/template/spec/containers/0/image").asString())
                    .isEqualTo(registry + "/eventmonitoring/" + Manifests.nameOf(deployment) + ":" + tag);
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyImageNamesItsRegistryAndAFixedTag(String overlay) {
        List<String> images = new ArrayList<>();
        Manifests manifests = Overlays.rendered(overlay);
        for (String kind : List.of("Deployment", "Job")) {
            manifests.ofKind(kind).forEach(w -> w.at("/spec/template/spec/containers")
                    .forEach(c -> images.add(c.path("image").asString())));
        }

        assertThat(images).isNotEmpty().allSatisfy(image -> {
            assertThat(image).as("tagged").matches(".+:[^/:]+$").doesNotEndWith(":latest");
            if (overlay.equals("prod")) {
                assertThat(image).as("registry host").matches("^[a-z0-9-]+\\.[a-z0-9.-]+(:\\d+)?/.+");
                assertThat(image).doesNotContain("SNAPSHOT");
            }
        });
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theWholeStackRunsTheTestedVersion(String overlay) {
        String tested = Images.testedStackVersion();
        Manifests manifests = Overlays.rendered(overlay);
        String setupImage = manifests.get("Job", "elastic-setup").at("/spec/template/spec/containers/0/image").asString();

        assertThat(Repo.envFile(Repo.K8S.resolve("base/elastic/stack.env")).getProperty("ELASTIC_STACK_VERSION"))
                .as("k8s/base/elastic/stack.env against deploy/elastic/pom.xml").isEqualTo(tested);
        for (String kind : List.of("Elasticsearch", "Kibana", "Logstash")) {
            JsonNode resource = manifests.get(kind, "eventmonitoring");
            assertThat(resource.at("/spec/version").asString()).as(kind).isEqualTo(tested);
        }
        assertThat(setupImage).isEqualTo("docker.elastic.co/elasticsearch/elasticsearch:" + tested);
    }

    @Test
    void theDocsAndTestsNameNoOtherStackVersion() throws IOException {
        String tested = Images.testedStackVersion();
        List<Path> files = new ArrayList<>(List.of(Repo.ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(Repo.ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(files::add);
        }
        try (Stream<Path> sources = Files.walk(Repo.ROOT.resolve("deploy/elastic/src/test"))) {
            sources.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
        }

        List<String> named = new ArrayList<>();
        for (Path file : files) {
            Matcher matcher = STACK_IN_PROSE.matcher(ServiceModule.read(file));
            while (matcher.find()) {
                named.add(Repo.ROOT.relativize(file) + ": " + matcher.group());
            }
        }
        Pattern versionLiteral = Pattern.compile("\"" + tested.substring(0, tested.indexOf('.')) + "\\.\\d+\\.\\d+\"");
        List<String> stackLiterals = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Repo.ROOT.resolve("deploy/elastic/src/test"))) {
            sources.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> versionLiteral.matcher(ServiceModule.read(p)).find())
                    .forEach(p -> stackLiterals.add(Repo.ROOT.relativize(p).toString()));
        }

        assertThat(named).as("the docs name the stack's version").isNotEmpty()
                .allSatisfy(mention -> assertThat(mention).endsWith(" " + tested));
        assertThat(stackLiterals).as("tests take the version from the build, not a literal").isEmpty();
    }

    private static int compare(String left, String right) {
        Matcher a = RELEASE.matcher(left);
        Matcher b = RELEASE.matcher(right);
        assertThat(a.matches() && b.matches()).as(left + " and " + right + " as x.y.z").isTrue();
        for (int group = 1; group <= 3; group++) {
            int difference = Integer.compare(Integer.parseInt(a.group(group)), Integer.parseInt(b.group(group)));
            if (difference != 0) {
                return difference;
            }
        }
        return 0;
    }
}
