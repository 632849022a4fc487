package io.eventmonitoring.bridge.interaction;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventmonitoring.bridge.outbox.Notification;
import io.eventmonitoring.bridge.silence.Silence;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.CloudEventCodec;
import io.eventmonitoring.events.Severity;
import io.eventmonitoring.events.Topics;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * "silenced by @ana until 14:00 UTC": a synthetic event of type {@value #TYPE} for the clicked message's channel. It
 * goes through bridge-outbox like any notification, so the channel's one owner posts it (on an app channel, under the
 * entity's key, so in its thread) and no two replicas ever edit one message.
 */
final class SilenceNote {

    static final String TYPE = "bridge.silenced";
    static final String SOURCE = "/bridge";

    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private SilenceNote() {
    }

    static Notification of(SilenceButton button, ButtonValue value, Silence silence) {
        ObjectNode data = JsonNodeFactory.instance.objectNode()
                .put("silenceId", silence.id())
                .put("by", silence.createdBy())
                .put("until", UNTIL.format(silence.expiresAt()))
                .put("expiresAt", silence.expiresAt().toString())
                .put("what", button == SilenceButton.TYPE
                        ? "type `" + value.type() + "`"
                        : "entity `" + value.domain() + ":" + value.subject() + "`");
        CloudEvent event = new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(), SOURCE, TYPE,
                value.subject(), silence.createdAt(), CloudEvent.JSON, Severity.INFO, data);
        return new Notification(event.id(), value.route(), value.channel(), value.key(), TYPE,
                Severity.INFO.value(), CloudEventCodec.encode(event),
                Topics.BRIDGE_SILENCES, -1, -1);
    }
}
