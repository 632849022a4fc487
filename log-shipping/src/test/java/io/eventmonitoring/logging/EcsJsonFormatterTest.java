package io.eventmonitoring.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.json.runtime.AdditionalField;
import io.quarkus.logging.json.runtime.JsonFormatter;
import io.quarkus.logging.json.runtime.JsonLogConfig.AdditionalFieldConfig;
import io.quarkus.logging.json.runtime.JsonLogConfig.JsonConfig.LogFormat;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.formatters.StructuredFormatter.ExceptionOutputType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

class EcsJsonFormatterTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A formatter as Quarkus builds one for ECS, with a few non-default settings a copy could miss. */
    private static JsonFormatter quarkusFormatter() {
        Map<String, AdditionalField> additional = new LinkedHashMap<>();
        additional.put("ecs.version", new AdditionalField("1.12.2", AdditionalFieldConfig.Type.STRING));
        additional.put("service.name", new AdditionalField("domain-user", AdditionalFieldConfig.Type.STRING));
        JsonFormatter formatter = new JsonFormatter("TIMESTAMP=@timestamp,LEVEL=log.level,LOGGER_NAME=log.logger",
                Set.of("loggerClassName", "sequence"), additional);
        formatter.setLogFormat(LogFormat.ECS);
        formatter.setDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        formatter.setZoneId("UTC");
        formatter.setExceptionOutputType(ExceptionOutputType.FORMATTED);
        formatter.setPrintDetails(true);
        formatter.setRecordDelimiter("\n");
        return formatter;
    }

    private static ExtLogRecord record(String message, Map<String, String> mdc, Throwable thrown) {
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, message, EcsJsonFormatterTest.class.getName());
        record.setLoggerName("io.eventmonitoring.bridge.delivery");
        record.setInstant(Instant.parse("2026-11-26T08:00:00.123Z"));
        record.setMdc(mdc);
        record.setThrown(thrown);
        return record;
    }

    @Test
    void copyFormatsLikeTheQuarkusFormatterItCopies() {
        JsonFormatter source = quarkusFormatter();
        EcsJsonFormatter copy = EcsJsonFormatter.copyOf(source, "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", LogFormat.ECS);
        ExtLogRecord record = record("route matched", Map.of("traceId", "abc"), new IllegalStateException("boom"));

        assertThat(copy.format(record)).isEqualTo(source.format(record));
    }

    @Test
    void liftsEventMonitoringFieldsAndKeepsTheRestOfTheMdc() throws Exception {
        EcsJsonFormatter formatter = EcsJsonFormatter.copyOf(quarkusFormatter(), "default", LogFormat.ECS);
        Map<String, String> mdc = new LinkedHashMap<>();
        mdc.put(LogField.OUTCOME.key(), Outcome.DEAD_LETTERED.value());
        mdc.put(LogField.CHANNEL.key(), "order");
        mdc.put("traceId", "abc");

        JsonNode json = MAPPER.readTree(formatter.format(record("gave up", mdc, null)));

        assertThat(json.get("eventmonitoring.outcome").asText()).isEqualTo("dead-lettered");
        assertThat(json.get("eventmonitoring.channel").asText()).isEqualTo("order");
        assertThat(json.get("mdc").properties()).extracting(Map.Entry::getKey).containsExactly("traceId");
        assertThat(json.get("@timestamp").asText()).startsWith("2026-11-26T08:00:00.123");
        assertThat(json.get("log.level").asText()).isEqualTo("WARNING");
        assertThat(json.get("service.name").asText()).isEqualTo("domain-user");
    }

    @Test
    void masksSecretsInMessageMdcAndStackTrace() {
        String webhook = SecretMaskerTest.FAKE_WEBHOOK;
        EcsJsonFormatter formatter = EcsJsonFormatter.copyOf(quarkusFormatter(), "default", LogFormat.ECS);
        formatter.setExceptionOutputType(ExceptionOutputType.DETAILED_AND_FORMATTED);
        ExtLogRecord record = record("posting to " + webhook,
                Map.of(LogField.ROUTE.key(), "password=hunter2"),
                new IllegalStateException("cannot reach " + webhook, new RuntimeException("password=\"hunter2\"")));

        String formatted = formatter.format(record);

        assertThat(formatted).doesNotContain("T0001/B0002", "hunter2")
                .contains("https://hooks.slack.com/***", "password=***", "cannot reach");
    }
}
