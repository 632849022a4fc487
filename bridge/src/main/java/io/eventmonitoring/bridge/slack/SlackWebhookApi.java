package io.eventmonitoring.bridge.slack;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A Slack incoming webhook: the whole URL is the secret, so {@link SlackClient} builds a client per channel on its own
 * URL; none is configured or injected.
 */
interface SlackWebhookApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.TEXT_PLAIN)
    Uni<Response> post(SlackMessage message);
}
