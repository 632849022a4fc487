package io.eventmonitoring.command.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.Severity;
import io.eventmonitoring.testing.BusinessEvents;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One valid command and the event it must leave on business-events: checked field by field against the record
 * the 202 names. The service answers only after the record's transaction committed.
 */
public record CommandCheck(String name, String method, String path, String body, String type, Severity severity,
                           String locationPattern, Map<String, String> data) {

    /** Reads numbers as written (89.90 stays 89.90), to check what is on the wire. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    /** A command; {@code path} and {@code locationPattern} may contain {@code {id}}, replaced by a fresh UUID. */
    public static CommandCheck of(String name, String method, String path, String body) {
        return new CommandCheck(name, method, path, body, null, null, null, new LinkedHashMap<>());
    }

    public CommandCheck emits(String expectedType, Severity expectedSeverity) {
        return new CommandCheck(name, method, path, body, expectedType, expectedSeverity, locationPattern, data);
    }

    /** A regular expression the Location must match; {@code {id}} stands for the entity id. */
    public CommandCheck locatedAt(String pattern) {
        return new CommandCheck(name, method, path, body, type, severity, pattern, data);
    }

    /** A field of the event's data (JSON pointer, e.g. {@code /items/0/sku}) and its expected text. */
    public CommandCheck withData(String pointer, String expected) {
        Map<String, String> more = new LinkedHashMap<>(data);
        more.put(pointer, expected);
        return new CommandCheck(name, method, path, body, type, severity, locationPattern, more);
    }

    /**
     * Sends the command for a new entity and checks the 202 and the event.
     *
     * @param entityId the id put in the path ({@code {id}}); commands that create an entity ignore it
     * @return the event as recorded on the topic
     */
    public BusinessEvents.Recorded assertRecorded(String entityId, String domain) throws Exception {
        RequestSpecification request = given();
        if (body != null) {
            request.contentType(ContentType.JSON).body(body);
        }
        Instant sent = Instant.now();
        Response response = request.request(method, path.replace("{id}", entityId));
        assertThat(response.statusCode()).as("%s answered %s", name, response.asString()).isEqualTo(202);
        assertThat(response.contentType()).startsWith("application/json");
        String eventId = response.jsonPath().getString("eventId");
        String subject = response.jsonPath().getString("subject");
        String location = response.jsonPath().getString("location");
        assertThat(response.jsonPath().getString("type")).isEqualTo(type);
        assertThat(location).matches(locationPattern.replace("{id}", subject));
        assertThat(response.header("Location")).isEqualTo(location);

        BusinessEvents.Recorded recorded = BusinessEvents.withId(eventId);
        CloudEvent event = recorded.event();
        JsonNode raw = JSON.readTree(recorded.record().value());
        for (String attribute : new String[] {"specversion", "id", "source", "type", "subject", "time",
                "datacontenttype", "severity", "data"}) {
            assertThat(raw.has(attribute)).as("attribute %s in %s", attribute, raw).isTrue();
        }
        assertThat(event.specversion()).isEqualTo("1.0");
        assertThat(event.source()).isEqualTo("/domain-" + domain);
        assertThat(event.type()).isEqualTo(type);
        assertThat(event.subject()).isEqualTo(subject);
        assertThat(event.severity()).isEqualTo(severity);
        assertThat(event.datacontenttype()).isEqualTo("application/json");
        assertThat(event.time()).isBetween(sent.minus(Duration.ofSeconds(1)), Instant.now());
        assertThat(recorded.record().key()).isEqualTo(domain + ":" + subject);
        Header contentType = recorded.record().headers().lastHeader("content-type");
        assertThat(contentType).isNotNull();
        assertThat(new String(contentType.value(), StandardCharsets.UTF_8)).startsWith("application/cloudevents+json");
        data.forEach((pointer, expected) -> assertThat(raw.path("data").at(pointer).asText())
                .as("data %s of %s", pointer, raw.path("data")).isEqualTo(expected));
        return recorded;
    }

    @Override
    public String toString() {
        return name;
    }
}
