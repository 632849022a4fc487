package io.eventmonitoring.k8s;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates Kubernetes documents against the vendored strict schemas in k8s/schemas: one file per kind and
 * {@code <group>-<version>} (core kinds use {@code core}). A kind without a schema is an error, not a pass.
 */
final class SchemaValidator {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path schemaRoot;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    private final Map<Path, Schema> schemas = new ConcurrentHashMap<>();

    SchemaValidator(Path schemaRoot) {
        this.schemaRoot = schemaRoot;
    }

    /** The problems of one document, each naming where it is; empty when the document is valid. */
    List<String> validate(JsonNode document) {
        String kind = document.path("kind").asString("");
        String apiVersion = document.path("apiVersion").asString("");
        if (kind.isEmpty() || apiVersion.isEmpty()) {
            return List.of("document without kind or apiVersion: " + document);
        }
        Path file = schemaFile(kind, apiVersion);
        if (!Files.isRegularFile(file)) {
            return List.of("no schema for " + apiVersion + " " + kind + " (expected " + schemaRoot.relativize(file) + ")");
        }
        List<Error> errors = schemas.computeIfAbsent(file, this::load).validate(document);
        return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    Path schemaFile(String kind, String apiVersion) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "core" : apiVersion.substring(0, slash);
        String version = apiVersion.substring(slash + 1);
        return schemaRoot.resolve(kind).resolve(group + "-" + version + ".json");
    }

    private Schema load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return registry.getSchema(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
