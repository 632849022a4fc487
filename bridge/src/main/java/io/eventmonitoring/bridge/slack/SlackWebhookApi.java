package io.eventmonitoring.bridge.slack;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** A Slack incoming webhook: the whole URL is the secret, so each channel gets a client built on its own URL. */
@RegisterRestClient(configKey = "slack")
interface SlackWebhookApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.TEXT_PLAIN)
    Uni<Response> post(SlackMessage message);
}
