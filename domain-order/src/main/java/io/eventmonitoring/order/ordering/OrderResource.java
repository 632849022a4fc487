package io.eventmonitoring.order.ordering;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventmonitoring.command.publish.CommandAccepted;
import io.eventmonitoring.command.publish.EventPublisher;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.EventType;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.UUID;

@Path("/orders")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    private final EventPublisher publisher;
    private final ObjectMapper mapper;

    OrderResource(EventPublisher publisher, ObjectMapper mapper) {
        this.publisher = publisher;
        this.mapper = mapper;
    }

    @POST
    public Uni<Response> create(@NotNull @Valid CreateOrder command) {
        String orderId = UUID.randomUUID().toString();
        return publisher.publish(CloudEvent.of(EventType.ORDER_CREATED, orderId, mapper.valueToTree(command)))
                .map(CommandAccepted::response);
    }
}
