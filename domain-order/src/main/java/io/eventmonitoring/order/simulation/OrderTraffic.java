package io.eventmonitoring.order.simulation;

import io.eventmonitoring.command.publish.EventPublisher;
import io.eventmonitoring.command.simulator.RecentEntities;
import io.eventmonitoring.command.simulator.SimulatedCommand;
import io.eventmonitoring.command.simulator.TrafficSource;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.order.ordering.Cancellation;
import io.eventmonitoring.order.ordering.CreateOrder;
import io.eventmonitoring.order.ordering.OrderCommands;
import io.eventmonitoring.order.ordering.OrderItem;
import io.eventmonitoring.order.ordering.ReturnForRefund;
import io.eventmonitoring.order.ordering.ReturnedItem;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.random.RandomGenerator;

/**
 * Random order traffic, as the original demo sent it: mostly new orders and added items, some removals and
 * cancellations, a few returns. Commands on existing orders pick orders the simulator itself created, with the
 * items it knows they hold.
 */
@ApplicationScoped
public class OrderTraffic implements TrafficSource {

    private record Product(String sku, BigDecimal price) {
    }

    private static final List<Product> CATALOGUE = List.of(
            new Product("KB-MECH-01", new BigDecimal("89.90")),
            new Product("MOUSE-ERGO-2", new BigDecimal("49.00")),
            new Product("MONITOR-27-4K", new BigDecimal("379.00")),
            new Product("HEADSET-BT-5", new BigDecimal("129.50")),
            new Product("DOCK-USB-C", new BigDecimal("159.99")),
            new Product("CHAIR-MESH", new BigDecimal("289.00")),
            new Product("LAMP-LED-3", new BigDecimal("34.90")),
            new Product("WEBCAM-HD", new BigDecimal("69.00")));
    private static final List<String> CURRENCIES = List.of("EUR", "EUR", "EUR", "USD", "GBP");
    private static final List<String> CANCEL_REASONS = List.of("ordered by mistake", "found it cheaper elsewhere",
            "delivery takes too long", "payment failed");
    private static final List<String> RETURN_REASONS = List.of("arrived damaged", "not as described",
            "wrong item delivered", "no longer needed");

    /** What the simulator knows of an order it created: its currency and lines. */
    private record Known(String currency, List<OrderItem> items) {
    }

    private final OrderCommands commands;
    private final EventPublisher publisher;
    private final RecentEntities<Known> orders = new RecentEntities<>(500);
    private final List<String> customers = new ArrayList<>();

    OrderTraffic(OrderCommands commands, EventPublisher publisher) {
        this.commands = commands;
        this.publisher = publisher;
        for (int i = 0; i < 50; i++) {
            customers.add(UUID.randomUUID().toString());
        }
    }

    @Override
    public List<SimulatedCommand> commands() {
        return List.of(
                new SimulatedCommand("create-order", 35, this::create),
                new SimulatedCommand("add-item", 25, this::addItem),
                new SimulatedCommand("remove-item", 15, this::removeItem),
                new SimulatedCommand("cancel-order", 15, this::cancel),
                new SimulatedCommand("return-for-refund", 10, this::returnForRefund));
    }

    private CompletionStage<CloudEvent> create(RandomGenerator random) {
        List<OrderItem> items = new ArrayList<>();
        int lines = 1 + random.nextInt(4);
        for (int i = 0; i < lines; i++) {
            items.add(item(random));
        }
        String currency = CURRENCIES.get(random.nextInt(CURRENCIES.size()));
        CreateOrder body = new CreateOrder(customers.get(random.nextInt(customers.size())), currency, items);
        return publisher.publish(commands.create(body)).thenApply(event -> {
            orders.add(event.subject(), new Known(currency, List.copyOf(items)));
            return event;
        });
    }

    private CompletionStage<CloudEvent> addItem(RandomGenerator random) {
        Optional<RecentEntities.Entity<Known>> order = orders.any(random);
        if (order.isEmpty()) {
            return create(random);
        }
        OrderItem item = item(random);
        String orderId = order.get().id();
        return publisher.publish(commands.addItem(orderId, item)).thenApply(event -> {
            orders.update(orderId, known -> {
                List<OrderItem> items = new ArrayList<>(known.items());
                items.add(item);
                return new Known(known.currency(), List.copyOf(items));
            });
            return event;
        });
    }

    private CompletionStage<CloudEvent> removeItem(RandomGenerator random) {
        Optional<RecentEntities.Entity<Known>> order = orders.any(random);
        if (order.isEmpty() || order.get().state().items().size() < 2) {
            return addItem(random);
        }
        String orderId = order.get().id();
        OrderItem removed = order.get().state().items().get(random.nextInt(order.get().state().items().size()));
        return publisher.publish(commands.removeItem(orderId, removed.sku())).thenApply(event -> {
            orders.update(orderId, known -> new Known(known.currency(),
                    known.items().stream().filter(i -> !i.sku().equals(removed.sku())).toList()));
            return event;
        });
    }

    private CompletionStage<CloudEvent> cancel(RandomGenerator random) {
        Optional<RecentEntities.Entity<Known>> order = orders.take(random);
        if (order.isEmpty()) {
            return create(random);
        }
        return publisher.publish(commands.cancel(order.get().id(), new Cancellation(CANCEL_REASONS.get(random.nextInt(CANCEL_REASONS.size())))));
    }

    private CompletionStage<CloudEvent> returnForRefund(RandomGenerator random) {
        Optional<RecentEntities.Entity<Known>> order = orders.take(random);
        if (order.isEmpty()) {
            return create(random);
        }
        Known known = order.get().state();
        // Usually one line comes back, sometimes all of it.
        List<OrderItem> back = random.nextDouble() < 0.7
                ? List.of(known.items().get(random.nextInt(known.items().size())))
                : known.items();
        BigDecimal refund = back.stream().map(i -> i.unitPrice().multiply(BigDecimal.valueOf(i.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return publisher.publish(commands.returnForRefund(order.get().id(), new ReturnForRefund(
                RETURN_REASONS.get(random.nextInt(RETURN_REASONS.size())), refund, known.currency(),
                back.stream().map(i -> new ReturnedItem(i.sku(), i.quantity())).toList())));
    }

    private static OrderItem item(RandomGenerator random) {
        Product product = CATALOGUE.get(random.nextInt(CATALOGUE.size()));
        // Mostly single units, now and then a few.
        int quantity = random.nextDouble() < 0.8 ? 1 : 2 + random.nextInt(4);
        return new OrderItem(product.sku(), quantity, product.price());
    }
}
