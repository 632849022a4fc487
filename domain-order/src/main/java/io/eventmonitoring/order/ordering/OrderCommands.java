package io.eventmonitoring.order.ordering;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventmonitoring.command.validation.EntityId;
import io.eventmonitoring.command.validation.Patterns;
import io.eventmonitoring.command.validation.UnknownEntity;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * The order commands, whoever sends them (the REST API or the traffic simulator): each is validated here, then
 * turned into exactly one event, which the caller records. The service keeps no state: the event is the whole effect.
 */
@ApplicationScoped
public class OrderCommands {

    private final ObjectMapper mapper;

    OrderCommands(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A new order, with a new id (the event's subject); the data carries the currency and the total. */
    public CloudEvent create(@NotNull @Valid CreateOrder body) {
        ObjectNode data = data(body.withDefaults());
        data.put("total", body.items().stream().map(OrderItem::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add));
        return CloudEvent.of(EventType.ORDER_CREATED, UUID.randomUUID().toString(), data);
    }

    public CloudEvent addItem(@EntityId String orderId, @NotNull @Valid OrderItem body) {
        ObjectNode data = data(body);
        data.put("lineTotal", body.lineTotal());
        return CloudEvent.of(EventType.ORDER_ITEM_ADDED, orderId, data);
    }

    public CloudEvent removeItem(@EntityId String orderId,
                                                  @NotNull @Pattern(regexp = Patterns.SKU, message = "is not a known item: " + Patterns.SKU_MESSAGE,
                                                          payload = UnknownEntity.class) String sku) {
        return CloudEvent.of(EventType.ORDER_ITEM_REMOVED, orderId, mapper.createObjectNode().put("sku", sku));
    }

    public CloudEvent cancel(@EntityId String orderId, @NotNull @Valid Cancellation body) {
        return CloudEvent.of(EventType.ORDER_CANCELLED, orderId, data(body));
    }

    public CloudEvent returnForRefund(@EntityId String orderId, @NotNull @Valid ReturnForRefund body) {
        return CloudEvent.of(EventType.ORDER_RETURNED, orderId, data(body));
    }

    private ObjectNode data(Object body) {
        return mapper.valueToTree(body);
    }
}
