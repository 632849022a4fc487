package io.eventmonitoring.bridge.interaction;

import io.eventmonitoring.bridge.interaction.BlockActions.Click;
import io.eventmonitoring.bridge.outbox.OutboxWriter;
import io.eventmonitoring.bridge.silence.Silence;
import io.eventmonitoring.bridge.silence.SilenceRule;
import io.eventmonitoring.bridge.silence.SilenceStore;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where Slack POSTs a click on a message's button. The request is authenticated by its signature alone (not by the
 * management API's credentials): anything not signed with the app's signing secret in the last five minutes is
 * {@code 401} and changes nothing. A click creates the silence in the store the management API uses, and the note
 * about it goes to the channel's owner through bridge-outbox. Slack wants an answer within 3 s.
 */
@Path("/slack/actions")
public class SlackActionsResource {

    private static final Logger LOG = Logger.getLogger(SlackActionsResource.class);

    /** How long the click waits for Kafka to take the silence, well within Slack's 3 s. */
    static final Duration ANSWER_WITHIN = Duration.ofMillis(2500);

    private final SigningSecret secret;
    private final SilenceButtons buttons;
    private final SilenceStore silences;
    private final OutboxWriter outbox;

    SlackActionsResource(SigningSecret secret, SilenceButtons buttons, SilenceStore silences, OutboxWriter outbox) {
        this.secret = secret;
        this.buttons = buttons;
        this.silences = silences;
        this.outbox = outbox;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> click(@HeaderParam(SlackSignature.TIMESTAMP_HEADER) String timestamp,
                               @HeaderParam(SlackSignature.SIGNATURE_HEADER) String signature, byte[] body) {
        boolean signed = secret.get()
                .map(key -> SlackSignature.verify(key, timestamp, signature, body, Instant.now()))
                .orElse(false);
        if (!signed) {
            return Uni.createFrom().item(plain(Response.Status.UNAUTHORIZED, "not signed by Slack with this app's signing secret"));
        }
        Click click;
        SilenceRule rule;
        try {
            click = BlockActions.parse(body);
            if (!buttons.knowsChannel(click.value().channel())) {
                throw new IllegalArgumentException("no channel '" + click.value().channel() + "' any more");
            }
            rule = SilenceRule.compile(click.silence(Instant.now()));
        } catch (IllegalArgumentException e) {
            LOG.warnf("a signed Slack interaction the bridge cannot act on: %s", e.getMessage());
            return Uni.createFrom().item(plain(Response.Status.BAD_REQUEST, e.getMessage()));
        }
        return silences.save(rule)
                .ifNoItem().after(ANSWER_WITHIN).fail()
                .map(saved -> {
                    LOG.infof("silence %s created from Slack by %s on channel %s for %s", saved.id(), saved.createdBy(),
                            click.value().channel(), SilenceButton.DURATION);
                    note(click, saved);
                    return Response.ok().build();
                })
                .onFailure().recoverWithItem(e -> {
                    LOG.errorf("the silence asked for from Slack was not stored in time: %s", e.toString());
                    return plain(Response.Status.SERVICE_UNAVAILABLE, "the silence could not be stored, try again");
                });
    }

    /** The note goes out asynchronously: the answer to Slack does not wait for it, a failure is logged. */
    private void note(Click click, Silence silence) {
        outbox.publish(List.of(SilenceNote.of(click.button(), click.value(), silence)))
                .forEach(write -> write.subscribe().with(ok -> { }, e -> LOG.errorf(
                        "the note of silence %s did not reach bridge-outbox: %s", silence.id(), e.toString())));
    }

    private static Response plain(Response.Status status, String message) {
        return Response.status(status).type(MediaType.TEXT_PLAIN).entity(message).build();
    }
}
