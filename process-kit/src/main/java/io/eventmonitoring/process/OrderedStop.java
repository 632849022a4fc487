package io.eventmonitoring.process;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Stops processes stage by stage (services, then brokers, then controllers): SIGTERM to every process of a
 * stage, wait for all of them, then the next stage. A process that does not stop in time is killed.
 */
public final class OrderedStop {

    private final Duration gracePerStage;
    private final PrintStream out;

    public OrderedStop(Duration gracePerStage, PrintStream out) {
        this.gracePerStage = gracePerStage;
        this.out = out;
    }

    /** Returns true if every process ended on SIGTERM, false if one had to be killed. */
    public boolean stop(Collection<ManagedProcess> processes) {
        Map<Integer, List<ManagedProcess>> stages = processes.stream()
                .filter(ManagedProcess::isAlive)
                .collect(Collectors.groupingBy(p -> p.role().stopStage(), TreeMap::new, Collectors.toList()));
        boolean clean = true;
        for (List<ManagedProcess> stage : stages.values()) {
            clean &= stopStage(stage);
        }
        return clean;
    }

    private boolean stopStage(List<ManagedProcess> stage) {
        long start = System.nanoTime();
        String names = stage.stream().map(ManagedProcess::name).collect(Collectors.joining(", "));
        out.println("[platform] stopping " + names);
        stage.forEach(p -> p.handle().destroy());
        CompletableFuture<?>[] exits = stage.stream().map(ManagedProcess::exited).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(gracePerStage.toMillis(), TimeUnit.MILLISECONDS);
            out.printf("[platform] stopped %s in %.1f s%n", names, (System.nanoTime() - start) / 1e9);
            return true;
        } catch (TimeoutException e) {
            List<ManagedProcess> stuck = stage.stream().filter(ManagedProcess::isAlive).toList();
            out.println("[platform] " + stuck.stream().map(ManagedProcess::name).collect(Collectors.joining(", "))
                    + " did not stop within " + gracePerStage.toSeconds() + " s; killing");
            stuck.forEach(p -> p.handle().destroyForcibly());
            stuck.forEach(p -> p.exited().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> null).join());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stage.forEach(p -> p.handle().destroyForcibly());
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for " + names + " to stop failed", e.getCause());
        }
    }
}
