package io.eventmonitoring.command.publish;

import io.eventmonitoring.events.CloudEvent;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of a 202: the event that records the command, and the entity it concerns. */
@Schema(name = "CommandAccepted", description = "The command is recorded: its event is on Kafka, acknowledged by the in-sync replicas.")
public record CommandAccepted(
        @Schema(description = "Id of the CloudEvent on business-events (a UUID, the deduplication key downstream)",
                examples = "0b0e7f3c-8e0a-4c55-9d0a-3a3f1b6f0e21", required = true)
        String eventId,
        @Schema(description = "CloudEvent type", examples = "user.signed-up", required = true)
        String type,
        @Schema(description = "Id of the entity the event concerns (the CloudEvent subject); use it in later commands",
                examples = "6f1c2d9e-4b7a-4e8e-9f5d-2a1b3c4d5e6f", required = true)
        String subject,
        @Schema(description = "Path of the entity, the same as the Location header", examples = "/users/6f1c2d9e-4b7a-4e8e-9f5d-2a1b3c4d5e6f",
                required = true)
        String location) {

    /**
     * 202 Accepted with a Location header: the event is on Kafka, acknowledged by the in-sync replicas. The Location
     * is the path, a relative reference (RFC 9110 10.2.2) that clients resolve against the URL they called, so it
     * stays right behind any proxy or ingress; {@code ResponseBuilder.location} would make it absolute from the
     * request's Host and forwarded headers.
     */
    public static Response response(CloudEvent event, String location) {
        return response(new CommandAccepted(event.id(), event.type(), event.subject(), location)).build();
    }

    /** The same answer from what was recorded of it (a replay of an Idempotency-Key). */
    public static Response.ResponseBuilder response(CommandAccepted accepted) {
        return Response.accepted(accepted).header(HttpHeaders.LOCATION, accepted.location());
    }
}
