package io.eventmonitoring.k8s;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
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
 * The Elastic stack's pods: who they log in as, how they are confined, how their memory is split, how the setup Job
 * is replaced, and that they get the files of deploy/elastic and the environment those files expect.
 */
class ElasticWorkloadsTest {

    private static final List<String> OVERLAYS = Overlays.NAMES;
    private static final Pattern HEAP = Pattern.compile("-Xm([sx])(\\d+)([gGmM])");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(:[^}]*)?}");
    /** Read by Logstash itself, not by the pipeline. */
    private static final Set<String> LOGSTASH_OWN_ENV = Set.of("LS_JAVA_OPTS");
    /** What of deploy/elastic Kubernetes does not run: the build, and the roles for the API (it reads roles.yml). */
    private static final Set<String> NOT_DEPLOYED = Set.of("pom.xml", "kustomization.yaml", "src", "target",
            "elasticsearch/roles");

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyFileOfDeployElasticIsInARenderedConfigMapOrSecret(String overlay) throws IOException {
        List<String> contents = new ArrayList<>();
        Manifests manifests = Overlays.rendered(overlay);
        manifests.ofKind("ConfigMap").forEach(c -> c.path("data").forEach(v -> contents.add(v.asString())));
        manifests.ofKind("Secret").forEach(s -> s.path("data").forEach(v -> contents.add(decode(v.asString()))));

        Map<String, String> files = deployedFiles();
        assertThat(files).containsKeys("install.sh", "elasticsearch/roles.yml", "logstash/config/logstash.yml");
        files.forEach((path, content) -> assertThat(contents).as(path + " in the manifests").contains(content));
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

        deployedFiles().forEach((path, content) -> {
            if (!path.startsWith("logstash/") && !path.equals("elasticsearch/roles.yml")) {
                assertThat(mounted).as("mounted for install.sh").containsEntry(path, content);
            }
        });
        assertThat(pod.at("/containers/0/command").toString()).contains(
                pod.at("/containers/0/volumeMounts/0/mountPath").asString() + "/install.sh");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theSetupJobSetsWhatInstallShNeedsAndNothingItIgnores(String overlay) {
        Manifests manifests = Overlays.rendered(overlay);
        JsonNode container = manifests.get("Job", "elastic-setup").at("/spec/template/spec/containers/0");
        String script = ServiceModule.read(Repo.ELASTIC.resolve("install.sh"));
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
        String config = ServiceModule.read(Repo.ELASTIC.resolve("logstash/pipeline/eventmonitoring.conf"))
                + ServiceModule.read(Repo.ELASTIC.resolve("logstash/config/logstash.yml"));
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
        JsonNode writer = Manifests.YAML.readTree(Repo.ELASTIC.resolve("elasticsearch/roles.yml").toFile())
                .path("eventmonitoring_writer");
        JsonNode association = Manifests.YAML.readTree(Repo.K8S.resolve("base/elastic/association-roles.yml").toFile())
                .path("eck_logstash_user_role");

        assertThat(writer.isObject()).isTrue();
        assertThat(association.path("cluster")).isEqualTo(writer.path("cluster"));
        assertThat(association.path("indices")).isEqualTo(writer.path("indices"));
        assertThat(association.propertyNames()).containsExactlyInAnyOrder("cluster", "indices");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theSetupJobLogsInAsAFileRealmUserWithTheSetupRoleNotAsElastic(String overlay) {
        Manifests manifests = Overlays.rendered(overlay);
        JsonNode container = manifests.get("Job", "elastic-setup").at("/spec/template/spec/containers/0");
        List<String> fileRealm = new ArrayList<>();
        manifests.get("Elasticsearch", "eventmonitoring").at("/spec/auth/fileRealm")
                .forEach(s -> fileRealm.add(s.path("secretName").asString()));

        assertThat(secretKeyRef(container, "ES_USER")).isEqualTo("eventmonitoring-es-setup/username");
        assertThat(secretKeyRef(container, "ES_PASSWORD")).isEqualTo("eventmonitoring-es-setup/password");
        assertThat(fileRealm).contains("eventmonitoring-es-setup");
        assertThat(ReferencesTest.documentedSecrets("Secrets you create")).contains("eventmonitoring-es-setup");
        assertThat(manifests.all()).allSatisfy(document ->
                assertThat(document.toString()).as(Manifests.describe(document)).doesNotContain("-es-elastic-user"));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void logstashRunsHardenedWithAHeapThatFitsItsMemoryLimit(String overlay) {
        ObjectNode logstash = Overlays.rendered(overlay).get("Logstash", "eventmonitoring");
        JsonNode pod = logstash.at("/spec/podTemplate/spec");
        JsonNode container = pod.at("/containers/0");

        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/seccompProfile/type").asString()).isEqualTo("RuntimeDefault");
        assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
        List<JsonNode> containers = new ArrayList<>();
        pod.path("initContainers").forEach(containers::add);
        pod.path("containers").forEach(containers::add);
        assertThat(containers).hasSizeGreaterThanOrEqualTo(2).allSatisfy(c -> {
            assertThat(c.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).as(c.path("name").asString())
                    .isFalse();
            assertThat(c.at("/securityContext/capabilities/drop").toString()).isEqualTo("[\"ALL\"]");
        });

        String options = env(container, "LS_JAVA_OPTS");
        long initial = heapBytes(options, "s");
        long maximum = heapBytes(options, "x");
        long limit = Quantities.bytes(container.at("/resources/limits/memory").asString());
        assertThat(initial).as("-Xms = -Xmx: the heap is taken at start, not grown into the limit").isEqualTo(maximum);
        assertThat(maximum).as("heap within 75% of the memory limit").isLessThanOrEqualTo(limit * 3 / 4);
        assertThat(maximum).as("heap at least half the limit").isGreaterThanOrEqualTo(limit / 2);
    }

    /** A document before the templates would create its data stream from the built-in logs template. */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void logstashStartsOnlyOnceEveryIndexTemplateIsInstalled(String overlay) throws IOException {
        Manifests manifests = Overlays.rendered(overlay);
        JsonNode pod = manifests.get("Logstash", "eventmonitoring").at("/spec/podTemplate/spec");
        JsonNode wait = pod.path("initContainers").valueStream()
                .filter(c -> c.path("name").asString().equals("wait-for-templates")).findFirst()
                .orElseThrow(() -> new AssertionError("no init container wait-for-templates"));
        List<String> templates;
        try (var files = Files.list(Repo.ELASTIC.resolve("elasticsearch/index-templates"))) {
            templates = files.map(f -> f.getFileName().toString().replaceFirst("\\.json$", "")).sorted().toList();
        }
        String setupImage = manifests.get("Job", "elastic-setup").at("/spec/template/spec/containers/0/image").asString();

        assertThat(List.of(env(wait, "INDEX_TEMPLATES").split(" "))).containsExactlyInAnyOrderElementsOf(templates);
        assertThat(wait.at("/command/2").asString()).contains("$ELASTICSEARCH_HOSTS/_index_template/$template")
                .contains("= 200 ]");
        assertThat(secretKeyRef(wait, "ELASTICSEARCH_USER"))
                .isEqualTo(secretKeyRef(pod.at("/containers/0"), "ELASTICSEARCH_USER"));
        assertThat(env(wait, "ELASTICSEARCH_HOSTS")).isEqualTo(env(pod.at("/containers/0"), "ELASTICSEARCH_HOSTS"));
        assertThat(wait.path("image").asString()).isEqualTo(setupImage);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theSetupJobExpiresAndTheDocsSayHowToReplaceItSooner(String overlay) {
        ObjectNode job = Overlays.rendered(overlay).get("Job", "elastic-setup");
        String docs = ServiceModule.read(Repo.ROOT.resolve("docs/kubernetes.md"));

        assertThat(job.at("/spec/ttlSecondsAfterFinished").asInt()).isBetween(1, 86_400);
        assertThat(job.at("/spec/template/spec/volumes/0/configMap/name").asString())
                .as("the pod template changes with the assets").matches("elastic-setup-[a-z0-9]{10}");
        assertThat(docs).contains("kubectl -n eventmonitoring delete job " + Manifests.nameOf(job));
    }

    /**
     * Why the Job keeps its name: kustomize appends the content hash to generated names after replacements run, so a
     * replacement copies the unhashed name. Should a kustomize release change that, this fails, and the Job can be
     * named after its assets instead of relying on its TTL.
     */
    @Test
    void kustomizeCannotCarryAGeneratedNamesHashIntoAnotherResource(@TempDir Path dir) throws IOException {
        Kustomize kustomize = Kustomize.get();
        Assumptions.assumeTrue(kustomize.unavailableReason().isEmpty(), () -> kustomize.unavailableReason().get());
        Files.writeString(dir.resolve("kustomization.yaml"), """
                resources: [job.yaml]
                configMapGenerator:
                  - name: assets
                    literals: [install.sh=true]
                replacements:
                  - source: {kind: ConfigMap, name: assets, fieldPath: metadata.name}
                    targets:
                      - select: {kind: Job, name: setup}
                        fieldPaths: [metadata.name]
                """);
        Files.writeString(dir.resolve("job.yaml"), """
                apiVersion: batch/v1
                kind: Job
                metadata: {name: setup}
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: setup, image: setup}]
                      volumes: [{name: assets, configMap: {name: assets}}]
                """);
        Manifests rendered = Manifests.parse(kustomize.render(dir));

        String configMap = Manifests.nameOf(rendered.ofKind("ConfigMap").get(0));
        assertThat(configMap).startsWith("assets-");
        assertThat(Manifests.nameOf(rendered.ofKind("Job").get(0))).isEqualTo("assets");
    }

    /** The files of deploy/elastic that Kubernetes runs, by their '/'-separated relative path. */
    private static Map<String, String> deployedFiles() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(Repo.ELASTIC)) {
            walk.filter(Files::isRegularFile).forEach(f -> {
                Path relative = Repo.ELASTIC.relativize(f);
                if (NOT_DEPLOYED.stream().noneMatch(excluded -> relative.startsWith(excluded))) {
                    files.put(relative.toString().replace('\\', '/'), ServiceModule.read(f));
                }
            });
        }
        return files;
    }

    private static JsonNode volume(JsonNode podSpec, String name) {
        return podSpec.path("volumes").valueStream().filter(v -> v.path("name").asString().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private static String decode(String base64) {
        return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static long heapBytes(String options, String which) {
        Matcher matcher = HEAP.matcher(options);
        while (matcher.find()) {
            if (matcher.group(1).equals(which)) {
                long value = Long.parseLong(matcher.group(2));
                return matcher.group(3).equalsIgnoreCase("g") ? value << 30 : value << 20;
            }
        }
        throw new AssertionError("no -Xm" + which + " in LS_JAVA_OPTS '" + options + "'");
    }

    private static String env(JsonNode container, String name) {
        return container.path("env").valueStream().filter(e -> e.path("name").asString().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name)).path("value").asString();
    }

    private static String secretKeyRef(JsonNode container, String name) {
        JsonNode ref = container.path("env").valueStream().filter(e -> e.path("name").asString().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name)).at("/valueFrom/secretKeyRef");
        return ref.path("name").asString() + "/" + ref.path("key").asString();
    }
}
