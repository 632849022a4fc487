package io.eventmonitoring.k8s;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** The documents of a rendered overlay, with lookups by kind and name. */
final class Manifests {

    static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final List<ObjectNode> documents;

    private Manifests(List<ObjectNode> documents) {
        this.documents = List.copyOf(documents);
    }

    static Manifests parse(String yaml) {
        List<ObjectNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode document = it.next();
                if (document == null || document.isNull() || document.isMissingNode()) {
                    continue;
                }
                if (!document.isObject()) {
                    throw new IllegalArgumentException("a document is not a mapping: " + document);
                }
                documents.add(withoutNulls((ObjectNode) document));
            }
        }
        return new Manifests(documents);
    }

    /**
     * Removes {@code key: null} entries at every depth, as the API server treats them as unset
     * (kustomize writes e.g. {@code creationTimestamp: null}).
     */
    static ObjectNode withoutNulls(ObjectNode node) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
        while (fields.hasNext()) {
            JsonNode value = fields.next().getValue();
            if (value.isNull()) {
                fields.remove();
            } else {
                prune(value);
            }
        }
        return node;
    }

    private static void prune(JsonNode value) {
        if (value instanceof ObjectNode object) {
            withoutNulls(object);
        } else if (value instanceof ArrayNode array) {
            array.forEach(Manifests::prune);
        }
    }

    List<ObjectNode> all() {
        return documents;
    }

    List<ObjectNode> ofKind(String kind) {
        return documents.stream().filter(d -> kind.equals(kindOf(d))).toList();
    }

    List<ObjectNode> matching(Predicate<ObjectNode> predicate) {
        return documents.stream().filter(predicate).toList();
    }

    Optional<ObjectNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(d -> name.equals(nameOf(d))).findFirst();
    }

    ObjectNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " rendered"));
    }

    static String kindOf(JsonNode document) {
        return document.path("kind").asString("");
    }

    static String nameOf(JsonNode document) {
        return document.path("metadata").path("name").asString("");
    }

    static String describe(JsonNode document) {
        return kindOf(document) + "/" + nameOf(document);
    }
}
