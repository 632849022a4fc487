package io.eventmonitoring.order.ordering;

import io.eventmonitoring.problem.Problem;
import io.eventmonitoring.command.accept.CommandGateway;
import io.eventmonitoring.command.idempotency.IdempotencyKey;
import io.eventmonitoring.command.publish.CommandAccepted;
import io.eventmonitoring.events.CloudEvent;
import io.vertx.core.http.HttpServerRequest;
import io.eventmonitoring.command.validation.Patterns;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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
 * Order commands over HTTP. Every answer is a 202 once the event is committed on Kafka, or a problem: 400 bad input,
 * 404 an id this service cannot have issued, 409/422 an Idempotency-Key in flight or reused, 413 body too large,
 * 503 Kafka cannot take it (with Retry-After, nothing recorded), 504 Kafka did not confirm it in time.
 */
@Path("/orders")
@Consumes(MediaType.APPLICATION_JSON)
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "orders", description = "Commands on orders; each emits one CloudEvent on business-events")
public class OrderResource {

    private final OrderCommands commands;
    private final CommandGateway gateway;

    OrderResource(OrderCommands commands, CommandGateway gateway) {
        this.commands = commands;
        this.gateway = gateway;
    }

    @POST
    @Operation(summary = "Create an order", description = "Emits order.created (info) with the total. The new order's id is the subject.")
    @APIResponse(responseCode = "202", description = "Recorded; Location is the new order",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommandAccepted.class)))
    public CompletionStage<Response> create(CreateOrder body,
                                            @HeaderParam(IdempotencyKey.HEADER) @Parameter(description = IdempotencyKey.DOC) String idempotencyKey,
                                            @Context HttpServerRequest http) {
        CloudEvent event = commands.create(body);
        return gateway.accept(http, idempotencyKey, body, event, orderPath(event.subject()));
    }

    @POST
    @Path("/{orderId}/items")
    @Operation(summary = "Add an item", description = "Emits order.item-added (info).")
    @APIResponse(responseCode = "202", description = "Recorded; Location is the item",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommandAccepted.class)))
    public CompletionStage<Response> addItem(@PathParam("orderId") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String orderId,
                                             OrderItem body,
                                             @HeaderParam(IdempotencyKey.HEADER) @Parameter(description = IdempotencyKey.DOC) String idempotencyKey,
                                             @Context HttpServerRequest http) {
        CloudEvent event = commands.addItem(orderId, body);
        return gateway.accept(http, idempotencyKey, body, event, orderPath(orderId) + "/items/" + body.sku());
    }

    @DELETE
    @Path("/{orderId}/items/{sku}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Remove an item", description = "Emits order.item-removed (info).")
    @APIResponse(responseCode = "202", description = "Recorded; Location is the order",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommandAccepted.class)))
    public CompletionStage<Response> removeItem(@PathParam("orderId") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String orderId,
                                                @PathParam("sku") @Parameter(schema = @Schema(type = SchemaType.STRING, pattern = Patterns.SKU)) String sku,
                                                @HeaderParam(IdempotencyKey.HEADER) @Parameter(description = IdempotencyKey.DOC) String idempotencyKey,
                                                @Context HttpServerRequest http) {
        CloudEvent event = commands.removeItem(orderId, sku);
        return gateway.accept(http, idempotencyKey, null, event, orderPath(orderId));
    }

    @POST
    @Path("/{orderId}/cancellation")
    @Operation(summary = "Cancel the order", description = "Emits order.cancelled (warning).")
    @APIResponse(responseCode = "202", description = "Recorded; Location is the order",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommandAccepted.class)))
    public CompletionStage<Response> cancel(@PathParam("orderId") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String orderId,
                                            Cancellation body,
                                            @HeaderParam(IdempotencyKey.HEADER) @Parameter(description = IdempotencyKey.DOC) String idempotencyKey,
                                            @Context HttpServerRequest http) {
        CloudEvent event = commands.cancel(orderId, body);
        return gateway.accept(http, idempotencyKey, body, event, orderPath(orderId));
    }

    @POST
    @Path("/{orderId}/return")
    @Operation(summary = "Return for refund", description = "Emits order.returned (critical): money goes back.")
    @APIResponse(responseCode = "202", description = "Recorded; Location is the order",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommandAccepted.class)))
    public CompletionStage<Response> returnForRefund(@PathParam("orderId") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String orderId,
                                                     ReturnForRefund body,
                                                     @HeaderParam(IdempotencyKey.HEADER) @Parameter(description = IdempotencyKey.DOC) String idempotencyKey,
                                                     @Context HttpServerRequest http) {
        CloudEvent event = commands.returnForRefund(orderId, body);
        return gateway.accept(http, idempotencyKey, body, event, orderPath(orderId));
    }

    private static String orderPath(String orderId) {
        return "/orders/" + orderId;
    }
}
