package io.eventmonitoring.order.ordering;

import io.eventmonitoring.command.problem.Problem;
import io.eventmonitoring.command.publish.CommandAccepted;
import io.eventmonitoring.command.validation.Patterns;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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
 * Order commands over HTTP. Every answer is a 202 once the event is on Kafka, or a problem: 400 bad input,
 * 404 an id this service cannot have issued, 413 body too large, 503 Kafka cannot take it (with Retry-After).
 */
@Path("/orders")
@Consumes(MediaType.APPLICATION_JSON)
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "orders", description = "Commands on orders; each emits one CloudEvent on business-events")
@APIResponse(responseCode = "400", description = "Invalid input: each bad field is named in errors",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "413", description = "Request body larger than quarkus.http.limits.max-body-size",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "503", description = "Kafka cannot take the command now; nothing was recorded. Retry after Retry-After seconds.",
        headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = SchemaType.INTEGER)),
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class OrderResource {

    private final OrderCommands commands;

    OrderResource(OrderCommands commands) {
        this.commands = commands;
    }

    @POST
    @Operation(summary = "Create an order", description = "Emits order.created (info) with the total. The new order's id is the subject.")
    @APIResponse(responseCode = "202", description = "Recorded; Location is the new order",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommandAccepted.class)))
    public CompletionStage<Response> create(CreateOrder body) {
        return commands.create(body).thenApply(event -> CommandAccepted.response(event, orderPath(event.subject())));
    }

    @POST
    @Path("/{orderId}/items")
    @Operation(summary = "Add an item", description = "Emits order.item-added (info).")
    @APIResponse(responseCode = "202", description = "Recorded; Location is the item",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommandAccepted.class)))
    @APIResponse(responseCode = "404", description = "orderId is not an id this service issues (a lower-case UUID)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CompletionStage<Response> addItem(@PathParam("orderId") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String orderId,
                                             OrderItem body) {
        return commands.addItem(orderId, body).thenApply(event -> CommandAccepted.response(event,
                orderPath(orderId) + "/items/" + body.sku()));
    }

    @DELETE
    @Path("/{orderId}/items/{sku}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Remove an item", description = "Emits order.item-removed (info).")
    @APIResponse(responseCode = "202", description = "Recorded; Location is the order",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommandAccepted.class)))
    @APIResponse(responseCode = "404", description = "orderId is not an id this service issues, or sku is not a SKU",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CompletionStage<Response> removeItem(@PathParam("orderId") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String orderId,
                                                @PathParam("sku") @Parameter(schema = @Schema(type = SchemaType.STRING, pattern = Patterns.SKU)) String sku) {
        return commands.removeItem(orderId, sku).thenApply(event -> CommandAccepted.response(event, orderPath(orderId)));
    }

    @POST
    @Path("/{orderId}/cancellation")
    @Operation(summary = "Cancel the order", description = "Emits order.cancelled (warning).")
    @APIResponse(responseCode = "202", description = "Recorded; Location is the order",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommandAccepted.class)))
    @APIResponse(responseCode = "404", description = "orderId is not an id this service issues (a lower-case UUID)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CompletionStage<Response> cancel(@PathParam("orderId") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String orderId,
                                            Cancellation body) {
        return commands.cancel(orderId, body).thenApply(event -> CommandAccepted.response(event, orderPath(orderId)));
    }

    @POST
    @Path("/{orderId}/return")
    @Operation(summary = "Return for refund", description = "Emits order.returned (critical): money goes back.")
    @APIResponse(responseCode = "202", description = "Recorded; Location is the order",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommandAccepted.class)))
    @APIResponse(responseCode = "404", description = "orderId is not an id this service issues (a lower-case UUID)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CompletionStage<Response> returnForRefund(@PathParam("orderId") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String orderId,
                                                     ReturnForRefund body) {
        return commands.returnForRefund(orderId, body).thenApply(event -> CommandAccepted.response(event, orderPath(orderId)));
    }

    private static String orderPath(String orderId) {
        return "/orders/" + orderId;
    }
}
