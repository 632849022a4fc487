package io.eventmonitoring.bridge.outbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The value of an outbox record: {@code {"notifications":[{"eventId":…,"route":…,…,"event":{…}}]}}. Each event's
 * JSON is embedded as it was routed and cut out again as text, so neither stage escapes, unescapes or re-parses the
 * events of a burst (that was most of the bridge's work per event).
 */
public final class OutboxCodec {

    private static final JsonFactory JSON = new JsonFactory();

    private OutboxCodec() {
    }

    /** The routing stage checked that every event is a JSON object, so it can be written as is. */
    public static String encode(OutboxRecord record) {
        StringWriter out = new StringWriter(record.notifications().stream().mapToInt(n -> n.event().length() + 256).sum());
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("notifications");
            for (Notification n : record.notifications()) {
                json.writeStartObject();
                json.writeStringField("eventId", n.eventId());
                json.writeStringField("route", n.route());
                json.writeStringField("channel", n.channel());
                json.writeStringField("key", n.key());
                json.writeStringField("type", n.type());
                json.writeStringField("severity", n.severity());
                json.writeStringField("sourceTopic", n.sourceTopic());
                json.writeNumberField("sourcePartition", n.sourcePartition());
                json.writeNumberField("sourceOffset", n.sourceOffset());
                json.writeFieldName("event");
                json.writeRawValue(n.event());
                json.writeEndObject();
            }
            json.writeEndArray();
            if (record.resume()) {
                json.writeBooleanField("resume", true);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + record.notifications().size() + " notifications", e);
        }
        return out.toString();
    }

    /** Reads an outbox record value; the message of the exception says what is wrong with it. */
    public static OutboxRecord decode(String value) {
        List<Notification> notifications = new ArrayList<>();
        boolean resume = false;
        try (JsonParser json = JSON.createParser(value)) {
            expect(json.nextToken(), JsonToken.START_OBJECT, "an object");
            for (String field = json.nextFieldName(); field != null; field = json.nextFieldName()) {
                JsonToken token = json.nextToken();
                if ("resume".equals(field)) {
                    resume = token == JsonToken.VALUE_TRUE;
                    continue;
                }
                if (!"notifications".equals(field)) {
                    json.skipChildren();
                    continue;
                }
                expect(token, JsonToken.START_ARRAY, "notifications as an array");
                while (json.nextToken() == JsonToken.START_OBJECT) {
                    notifications.add(notification(json, value));
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        return new OutboxRecord(notifications, resume);
    }

    private static Notification notification(JsonParser json, String value) throws IOException {
        String eventId = null, route = null, channel = null, key = null, type = null, severity = null, sourceTopic = null, event = null;
        int sourcePartition = -1;
        long sourceOffset = -1;
        for (String field = json.nextFieldName(); field != null; field = json.nextFieldName()) {
            JsonToken token = json.nextToken();
            switch (field) {
                case "eventId" -> eventId = json.getValueAsString();
                case "route" -> route = json.getValueAsString();
                case "channel" -> channel = json.getValueAsString();
                case "key" -> key = json.getValueAsString();
                case "type" -> type = json.getValueAsString();
                case "severity" -> severity = json.getValueAsString();
                case "sourceTopic" -> sourceTopic = json.getValueAsString();
                case "sourcePartition" -> sourcePartition = json.getValueAsInt(-1);
                case "sourceOffset" -> sourceOffset = json.getValueAsLong(-1);
                case "event" -> event = event(json, token, value);
                default -> json.skipChildren();
            }
        }
        if (eventId == null || route == null || channel == null || type == null || severity == null || event == null) {
            throw new IllegalArgumentException("a notification lacks eventId, route, channel, type, severity or event");
        }
        return new Notification(eventId, route, channel, key, type, severity, event, sourceTopic, sourcePartition, sourceOffset);
    }

    /** The event's JSON text, cut out of the record without parsing it into a tree. */
    private static String event(JsonParser json, JsonToken token, String value) throws IOException {
        expect(token, JsonToken.START_OBJECT, "an event as an object");
        int start = Math.toIntExact(json.currentTokenLocation().getCharOffset());
        json.skipChildren();
        int end = Math.toIntExact(json.currentLocation().getCharOffset());
        return value.substring(start, end);
    }

    private static void expect(JsonToken actual, JsonToken expected, String what) {
        if (actual != expected) {
            throw new IllegalArgumentException("expected " + what + ", found " + actual);
        }
    }
}
