package io.eventmonitoring.k8s;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Secret and ConfigMap a manifest names is rendered by kustomize or listed in docs/kubernetes.md as created
 * by the user or by an operator; and every Secret listed there is used, so the list stays the truth.
 */
class ReferencesTest {

    private static final List<String> OVERLAYS = Overlays.NAMES;
    private static final Pattern BACKTICKED_FIRST_CELL = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|");

    private record Reference(String kind, String name, String from) {
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyReferencedSecretAndConfigMapExistsOrIsDocumented(String overlay) {
        Manifests manifests = Overlays.rendered(overlay);
        Set<String> documented = new TreeSet<>(documentedSecrets("Secrets you create"));
        documented.addAll(documentedSecrets("Created by the operators"));

        List<String> missing = new ArrayList<>();
        for (Reference reference : references(manifests)) {
            boolean rendered = manifests.find(reference.kind(), reference.name()).isPresent();
            boolean listed = reference.kind().equals("Secret") && documented.contains(reference.name());
            if (!rendered && !listed) {
                missing.add(reference.kind() + " " + reference.name() + " (named by " + reference.from() + ")");
            }
        }

        assertThat(references(manifests)).hasSizeGreaterThan(10);
        assertThat(missing).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyDocumentedSecretIsUsed(String overlay) {
        Set<String> used = new TreeSet<>();
        references(Overlays.rendered(overlay)).stream()
                .filter(r -> r.kind().equals("Secret")).forEach(r -> used.add(r.name()));

        assertThat(used).containsAll(documentedSecrets("Secrets you create"));
        assertThat(used).containsAll(documentedSecrets("Created by the operators"));
    }

    @Test
    void theDocumentationListsSecretsInBothTables() {
        assertThat(documentedSecrets("Secrets you create")).contains("bridge-slack-webhooks", "bridge-users", "bridge-session");
        assertThat(documentedSecrets("Created by the operators")).contains("eventmonitoring-cluster-ca-cert");
    }

    /**
     * References by name: secretName, secretKeyRef, secretRef (envFrom), configMap volumes, configMapKeyRef and
     * configMapRef, at any depth, so custom resources' pod templates and ECK's auth and configRef count too.
     */
    static List<Reference> references(Manifests manifests) {
        List<Reference> references = new ArrayList<>();
        for (JsonNode document : manifests.all()) {
            collect(document, Manifests.describe(document), references);
        }
        return references;
    }

    private static void collect(JsonNode node, String from, List<Reference> references) {
        if (node.isArray()) {
            node.forEach(element -> collect(element, from, references));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "secretName" -> references.add(new Reference("Secret", value.asString(), from));
                case "secretKeyRef", "secretRef" -> references.add(new Reference("Secret", value.path("name").asString(), from));
                case "configMap", "configMapKeyRef", "configMapRef" ->
                        references.add(new Reference("ConfigMap", value.path("name").asString(), from));
                default -> {
                }
            }
            collect(value, from, references);
        }
    }

    /** The first backticked cell of each table row in the docs section with that heading. */
    static Set<String> documentedSecrets(String heading) {
        String docs = ServiceModule.read(Repo.ROOT.resolve("docs/kubernetes.md"));
        int start = docs.indexOf("### " + heading);
        assertThat(start).as("section '" + heading + "' in docs/kubernetes.md").isNotNegative();
        int end = docs.indexOf("\n#", start + 4);
        Set<String> names = new TreeSet<>();
        for (String line : docs.substring(start, end < 0 ? docs.length() : end).split("\n")) {
            Matcher matcher = BACKTICKED_FIRST_CELL.matcher(line);
            if (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }
}
