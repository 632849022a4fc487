package io.eventmonitoring.k8s;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The copies of deploy/elastic in k8s/base/elastic/files (made by k8s/sync-elastic-files.sh) match their sources,
 * all reach the rendered manifests where Logstash and the setup Job read them, and the environment the pipeline and
 * install.sh expect is the environment they get.
 */
class ElasticFilesTest {

    private static final List<String> OVERLAYS = Overlays.NAMES;
    private static final Path SOURCES = Repo.ROOT.resolve("deploy/elastic");
    private static final Path COPIES = Repo.K8S.resolve("base/elastic/files");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(:[^}]*)?}");
    /** Read by Logstash itself, not by the pipeline. */
    private static final Set<String> LOGSTASH_OWN_ENV = Set.of("LS_JAVA_OPTS");

    @Test
    void theCopiesAreExactlyTheListedFilesOfDeployElastic() throws IOException {
        Map<String, byte[]> expected = listedSources();
        Map<String, byte[]> copies = filesUnder(COPIES);

        assertThat(expected).as("files listed in k8s/elastic-files.txt").isNotEmpty();
        assertThat(copies.keySet()).as("copies (run k8s/sync-elastic-files.sh)")
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Map.Entry<String, byte[]> source : expected.entrySet()) {
            assertThat(copies.get(source.getKey())).as("copy of deploy/elastic/" + source.getKey()
                    + " (run k8s/sync-elastic-files.sh)").isEqualTo(source.getValue());
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyCopyIsInARenderedConfigMapOrSecret(String overlay) throws IOException {
        List<String> contents = new ArrayList<>();
        Manifests manifests = Overlays.rendered(overlay);
        manifests.ofKind("ConfigMap").forEach(c -> c.path("data").forEach(v -> contents.add(v.asString())));
        manifests.ofKind("Secret").forEach(s -> s.path("data").forEach(v -> contents.add(decode(v.asString()))));

        for (Map.Entry<String, byte[]> copy : filesUnder(COPIES).entrySet()) {
            assertThat(contents).as(copy.getKey() + " in the manifests")
                    .contains(new String(copy.getValue(), StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theSetupJobSeesInstallShAndItsAssetsAtTheirRelativePaths(String overlay) throws IOException {
        Manifests manifests = Overlays.rendered(overlay);
        JsonNode pod = manifests.get("Job", "elastic-setup").at("/spec/template/spec");
        JsonNode volume = volume(pod, "files");
        ObjectNode configMap = manifests.get("ConfigMap", volume.at("/configMap/name").asString());
        Map<String, String> mounted = new TreeMap<>();
        for (JsonNode item : volume.at("/configMap/items")) {
            mounted.put(item.path("path").asString(), configMap.path("data").path(item.path("key").asString()).asString(null));
        }

        for (Map.Entry<String, byte[]> copy : filesUnder(COPIES).entrySet()) {
            if (copy.getKey().startsWith("logstash/") || copy.getKey().equals("elasticsearch/roles.yml")) {
                continue;
            }
            assertThat(mounted).as("mounted for install.sh").containsEntry(copy.getKey(),
                    new String(copy.getValue(), StandardCharsets.UTF_8));
        }
        assertThat(pod.at("/containers/0/command").toString()).contains(
                pod.at("/containers/0/volumeMounts/0/mountPath").asString() + "/install.sh");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theSetupJobSetsWhatInstallShNeedsAndNothingItIgnores(String overlay) {
        Manifests manifests = Overlays.rendered(overlay);
        JsonNode container = manifests.get("Job", "elastic-setup").at("/spec/template/spec/containers/0");
        String script = ServiceModule.read(COPIES.resolve("install.sh"));
        Set<String> names = new TreeSet<>();
        container.path("env").forEach(e -> names.add(e.path("name").asString()));

        assertThat(names).contains("ES_URL", "ES_USER", "ES_PASSWORD", "KIBANA_URL").contains("ES_ROLES");
        assertThat(names).allSatisfy(name -> assertThat(script).contains("${" + name));
        assertThat(container.path("env").toString()).contains("\"value\":\"file\"");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void logstashGetsEveryVariableThePipelineNeedsAndOnlyThose(String overlay) {
        Manifests manifests = Overlays.rendered(overlay);
        JsonNode container = manifests.get("Logstash", "eventmonitoring").at("/spec/podTemplate/spec/containers/0");
        Set<String> provided = new TreeSet<>();
        container.path("env").forEach(e -> provided.add(e.path("name").asString()));
        provided.removeAll(LOGSTASH_OWN_ENV);
        for (JsonNode from : container.path("envFrom")) {
            manifests.get("ConfigMap", from.at("/configMapRef/name").asString()).path("data").propertyNames()
                    .forEach(provided::add);
        }
        String config = ServiceModule.read(COPIES.resolve("logstash/pipeline/eventmonitoring.conf"))
                + ServiceModule.read(COPIES.resolve("logstash/config/logstash.yml"));
        Set<String> required = new TreeSet<>();
        Set<String> read = new TreeSet<>();
        Matcher matcher = VARIABLE.matcher(config);
        while (matcher.find()) {
            read.add(matcher.group(1));
            if (matcher.group(2) == null) {
                required.add(matcher.group(1));
            }
        }

        assertThat(required).isNotEmpty();
        assertThat(provided).containsAll(required);
        assertThat(read).containsAll(provided);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void logstashRunsThePipelineFromTheMountedConfigMap(String overlay) {
        ObjectNode logstash = Overlays.rendered(overlay).get("Logstash", "eventmonitoring");
        String mountPath = logstash.at("/spec/podTemplate/spec/containers/0/volumeMounts").valueStream()
                .filter(m -> m.path("name").asString().equals("pipeline")).findFirst().orElseThrow()
                .path("mountPath").asString();

        assertThat(logstash.at("/spec/pipelines/0/path.config").asString()).isEqualTo(mountPath + "/*.conf");
        assertThat(volume(logstash.at("/spec/podTemplate/spec"), "pipeline").at("/configMap/name").asString())
                .startsWith("logstash-pipeline-");
    }

    @Test
    void theAssociationRoleGrantsNoMoreThanTheWriterRole() throws IOException {
        JsonNode writer = Manifests.YAML.readTree(COPIES.resolve("elasticsearch/roles.yml").toFile())
                .path("eventmonitoring_writer");
        JsonNode association = Manifests.YAML.readTree(Repo.K8S.resolve("base/elastic/association-roles.yml").toFile())
                .path("eck_logstash_user_role");

        assertThat(writer.isObject()).isTrue();
        assertThat(association.path("cluster")).isEqualTo(writer.path("cluster"));
        assertThat(association.path("indices")).isEqualTo(writer.path("indices"));
        assertThat(association.propertyNames()).containsExactlyInAnyOrder("cluster", "indices");
    }

    private static JsonNode volume(JsonNode podSpec, String name) {
        return podSpec.path("volumes").valueStream().filter(v -> v.path("name").asString().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private static Map<String, byte[]> listedSources() throws IOException {
        Set<String> patterns = new LinkedHashSet<>();
        for (String line : Files.readAllLines(Repo.K8S.resolve("elastic-files.txt"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                patterns.add(line.strip());
            }
        }
        Map<String, byte[]> all = filesUnder(SOURCES);
        Map<String, byte[]> listed = new TreeMap<>();
        for (String pattern : patterns) {
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            int before = listed.size();
            all.forEach((path, bytes) -> {
                if (matcher.matches(Path.of(path))) {
                    listed.put(path, bytes);
                }
            });
            assertThat(listed.size()).as("files of deploy/elastic matching " + pattern).isGreaterThan(before);
        }
        return listed;
    }

    /** Regular files under the directory by their '/'-separated relative path, skipping build output. */
    private static Map<String, byte[]> filesUnder(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile)
                    .filter(f -> !root.relativize(f).startsWith("target") && !root.relativize(f).startsWith("src"))
                    .forEach(f -> files.put(root.relativize(f).toString().replace('\\', '/'), readBytes(f)));
        }
        return files;
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String decode(String base64) {
        return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
