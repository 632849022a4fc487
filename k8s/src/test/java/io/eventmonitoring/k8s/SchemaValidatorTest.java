package io.eventmonitoring.k8s;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the validator: real manifests of the project pass, and copies with one typo or one wrong type fail with a
 * message that points at the field. Works on the source files, so it runs even where kubectl is missing.
 */
class SchemaValidatorTest {

    private final SchemaValidator validator = new SchemaValidator(Repo.SCHEMAS);

    @Test
    void theUnchangedManifestsAreValid() throws IOException {
        assertThat(validator.validate(source("base/services/domain-user.yaml", "Deployment"))).isEmpty();
        assertThat(validator.validate(source("base/kafka/kafka.yaml", "Kafka"))).isEmpty();
        assertThat(validator.validate(source("base/kafka/users.yaml", "KafkaUser"))).isEmpty();
    }

    @Test
    void aTypoInACoreFieldFails() throws IOException {
        ObjectNode deployment = source("base/services/domain-user.yaml", "Deployment");
        ObjectNode spec = (ObjectNode) deployment.get("spec");
        spec.set("replicaz", spec.remove("replicas"));

        assertThat(validator.validate(deployment)).singleElement().asString().contains("replicaz");
    }

    @Test
    void aTypoInACustomResourceFails() throws IOException {
        ObjectNode kafka = source("base/kafka/kafka.yaml", "Kafka");
        ObjectNode kafkaSpec = (ObjectNode) kafka.get("spec").get("kafka");
        kafkaSpec.set("listners", kafkaSpec.remove("listeners"));

        assertThat(validator.validate(kafka))
                .anySatisfy(p -> assertThat(p).contains("listners"))
                .anySatisfy(p -> assertThat(p).contains("listeners"));
    }

    @Test
    void aWrongTypeFails() throws IOException {
        ObjectNode deployment = source("base/services/domain-user.yaml", "Deployment");
        ((ObjectNode) deployment.get("spec")).put("replicas", "two");

        assertThat(validator.validate(deployment)).singleElement().asString()
                .contains("/spec/replicas").contains("integer");
    }

    @Test
    void aWrongEnumValueInAnAclFails() throws IOException {
        ObjectNode user = source("base/kafka/users.yaml", "KafkaUser");
        ObjectNode resource = (ObjectNode) user.get("spec").get("authorization").get("acls").get(0).get("resource");
        resource.put("type", "topics");

        assertThat(validator.validate(user)).singleElement().asString().contains("/spec/authorization/acls/0/resource/type");
    }

    @Test
    void fieldsTheApiServerLeavesOpenAcceptAnyKey() throws IOException {
        ObjectNode topic = source("base/kafka/topics.yaml", "KafkaTopic");
        ((ObjectNode) topic.get("spec").get("config")).put("any.broker.setting", "1");

        assertThat(validator.validate(topic)).isEmpty();
    }

    @Test
    void nullEntriesAreDroppedBeforeValidation() {
        String yaml = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: sample
                  creationTimestamp: null
                data:
                  key: value
                """;
        ObjectNode configMap = Manifests.parse(yaml).all().get(0);

        assertThat(configMap.get("metadata").has("creationTimestamp")).isFalse();
        assertThat(validator.validate(configMap)).isEmpty();
    }

    @Test
    void aKindWithoutSchemaIsReportedNotPassed() {
        ObjectNode unknown = Manifests.parse("apiVersion: example.io/v1\nkind: Widget\nmetadata:\n  name: w\n").all().get(0);

        assertThat(validator.validate(unknown)).singleElement().asString().contains("no schema for example.io/v1 Widget");
    }

    /** The first document of the given kind in a file under k8s/. */
    private static ObjectNode source(String file, String kind) throws IOException {
        List<ObjectNode> documents = Manifests.parse(Files.readString(Repo.K8S.resolve(Path.of(file)))).ofKind(kind);
        assertThat(documents).as(kind + " in " + file).isNotEmpty();
        return documents.get(0);
    }
}
