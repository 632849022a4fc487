package io.eventmonitoring.command.publish;

import io.eventmonitoring.events.CloudEvent;
import jakarta.ws.rs.core.Response;

/** The body of a 202: which event records the command, and the entity it concerns. */
public record CommandAccepted(String eventId, String type, String subject) {

    public static CommandAccepted of(CloudEvent event) {
        return new CommandAccepted(event.id(), event.type(), event.subject());
    }

    /** 202 Accepted: the event is on Kafka, acknowledged by the in-sync replicas. */
    public static Response response(CloudEvent event) {
        return Response.accepted(of(event)).build();
    }
}
