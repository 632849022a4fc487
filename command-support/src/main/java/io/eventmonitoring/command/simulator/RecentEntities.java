package io.eventmonitoring.command.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * The entities the simulator created lately, with what it knows of each, so later commands name real ones.
 * Bounded: the oldest is forgotten first. Safe to use from the tick thread and from Kafka's callbacks.
 */
public final class RecentEntities<T> {

    public record Entity<T>(String id, T state) {
    }

    private final int capacity;
    private final List<Entity<T>> entities = new ArrayList<>();

    public RecentEntities(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    public synchronized void add(String id, T state) {
        if (entities.size() == capacity) {
            entities.remove(0);
        }
        entities.add(new Entity<>(id, state));
    }

    public synchronized Optional<Entity<T>> any(RandomGenerator random) {
        return entities.isEmpty() ? Optional.empty() : Optional.of(entities.get(random.nextInt(entities.size())));
    }

    /** Picks one and forgets it: for commands after which the entity takes no more (deleted, cancelled). */
    public synchronized Optional<Entity<T>> take(RandomGenerator random) {
        return entities.isEmpty() ? Optional.empty() : Optional.of(entities.remove(random.nextInt(entities.size())));
    }

    /** Replaces the state of the entity, if it is still known. */
    public synchronized void update(String id, UnaryOperator<T> change) {
        for (int i = 0; i < entities.size(); i++) {
            if (entities.get(i).id().equals(id)) {
                entities.set(i, new Entity<>(id, change.apply(entities.get(i).state())));
                return;
            }
        }
    }

    public synchronized int size() {
        return entities.size();
    }
}
