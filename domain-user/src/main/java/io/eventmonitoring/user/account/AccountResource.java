package io.eventmonitoring.user.account;

import io.eventmonitoring.problem.Problem;
import io.eventmonitoring.command.accept.CommandGateway;
import io.eventmonitoring.command.idempotency.IdempotencyKey;
import io.eventmonitoring.command.publish.CommandAccepted;
import io.eventmonitoring.events.CloudEvent;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.concurrent.CompletionStage;

/**
 * User commands over HTTP. Every answer is a 202 once the event is committed on Kafka, or a problem: 400 bad input,
 * 404 an id this service cannot have issued, 409/422 an Idempotency-Key in flight or reused, 413 body too large,
 * 503 Kafka cannot take it (with Retry-After, nothing recorded), 504 Kafka did not confirm it in time.
 */
@Path("/users")
@Consumes(MediaType.APPLICATION_JSON)
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "users", description = "Commands on user accounts; each emits one CloudEvent on business-events")
public class AccountResource {

    private final AccountCommands commands;
    private final CommandGateway gateway;

    AccountResource(AccountCommands commands, CommandGateway gateway) {
        this.commands = commands;
        this.gateway = gateway;
    }

    @POST
    @Operation(summary = "Sign up", description = "Emits user.signed-up (info). The new user's id is the subject.")
    @APIResponse(responseCode = "202", description = "Recorded; Location is the new user",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommandAccepted.class)))
    public CompletionStage<Response> signUp(SignUp body,
                                            @HeaderParam(IdempotencyKey.HEADER) @Parameter(description = IdempotencyKey.DOC) String idempotencyKey,
                                            @Context HttpServerRequest http) {
        CloudEvent event = commands.signUp(body);
        return gateway.accept(http, idempotencyKey, body, event, userPath(event.subject()));
    }

    @PUT
    @Path("/{userId}/profile")
    @Operation(summary = "Update the profile", description = "Emits user.profile-updated (info).")
    @APIResponse(responseCode = "202", description = "Recorded",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommandAccepted.class)))
    public CompletionStage<Response> updateProfile(@PathParam("userId") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String userId,
                                                   UpdateProfile body,
                                                   @HeaderParam(IdempotencyKey.HEADER) @Parameter(description = IdempotencyKey.DOC) String idempotencyKey,
                                                   @Context HttpServerRequest http) {
        CloudEvent event = commands.updateProfile(userId, body);
        return gateway.accept(http, idempotencyKey, body, event, userPath(userId));
    }

    @DELETE
    @Path("/{userId}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Delete the account", description = "Emits user.account-deleted (warning).")
    @APIResponse(responseCode = "202", description = "Recorded",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommandAccepted.class)))
    public CompletionStage<Response> deleteAccount(@PathParam("userId") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String userId,
                                                   @QueryParam("reason") @Parameter(description = "Why, at most 200 characters") String reason,
                                                   @HeaderParam(IdempotencyKey.HEADER) @Parameter(description = IdempotencyKey.DOC) String idempotencyKey,
                                                   @Context HttpServerRequest http) {
        CloudEvent event = commands.deleteAccount(userId, reason);
        return gateway.accept(http, idempotencyKey, null, event, userPath(userId));
    }

    @POST
    @Path("/{userId}/password-reset")
    @Operation(summary = "Request a password reset", description = "Emits user.password-reset-requested (warning).")
    @APIResponse(responseCode = "202", description = "Recorded",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommandAccepted.class)))
    public CompletionStage<Response> requestPasswordReset(@PathParam("userId") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String userId,
                                                          PasswordReset body,
                                                          @HeaderParam(IdempotencyKey.HEADER) @Parameter(description = IdempotencyKey.DOC) String idempotencyKey,
                                                          @Context HttpServerRequest http) {
        CloudEvent event = commands.requestPasswordReset(userId, body);
        return gateway.accept(http, idempotencyKey, body, event, userPath(userId));
    }

    @POST
    @Path("/{userId}/reviews")
    @Operation(summary = "Post a review", description = "Emits user.review-posted (info); the review's id is data.reviewId.")
    @APIResponse(responseCode = "202", description = "Recorded; Location is the review",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommandAccepted.class)))
    public CompletionStage<Response> postReview(@PathParam("userId") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String userId,
                                                PostReview body,
                                                @HeaderParam(IdempotencyKey.HEADER) @Parameter(description = IdempotencyKey.DOC) String idempotencyKey,
                                                @Context HttpServerRequest http) {
        CloudEvent event = commands.postReview(userId, body);
        return gateway.accept(http, idempotencyKey, body, event, userPath(userId) + "/reviews/" + event.data().get("reviewId").asText());
    }

    private static String userPath(String userId) {
        return "/users/" + userId;
    }
}
