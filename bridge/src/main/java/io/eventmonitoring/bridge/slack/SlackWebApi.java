package io.eventmonitoring.bridge.slack;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * The two Slack Web API methods the bridge calls, under {@code bridge.slack.api-url}. Answers are read as a whole
 * {@link Response}: {@link SlackWebApiClient} needs the status, {@code Retry-After} and the body's {@code error}.
 */
interface SlackWebApi {

    @POST
    @Path("/chat.postMessage")
    @Consumes(MediaType.APPLICATION_JSON + "; charset=utf-8")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> postMessage(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, PostMessage message);

    @POST
    @Path("/chat.update")
    @Consumes(MediaType.APPLICATION_JSON + "; charset=utf-8")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> update(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, Update update);

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PostMessage(String channel, String text, List<SlackMessage.Block> blocks,
                       @JsonProperty("thread_ts") String threadTs,
                       @JsonProperty("reply_broadcast") Boolean replyBroadcast) {
    }

    record Update(String channel, String ts, String text, List<SlackMessage.Block> blocks) {
    }
}
