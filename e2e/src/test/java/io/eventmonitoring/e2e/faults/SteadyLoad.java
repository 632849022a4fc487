package io.eventmonitoring.e2e.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * An open loop of order commands at a fixed rate, each with its own customer id (which marks its event) and, on
 * request, its own Idempotency-Key, recording every answer: status, event id, latency, or no answer at all.
 */
final class SteadyLoad implements AutoCloseable {

    /** No answer: the connection failed or the request timed out. */
    static final int NO_ANSWER = -1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(40);

    /** One command and what its client saw. */
    record Outcome(String customerId, String key, int status, String eventId, String retryAfter, long sentNanos,
                   long millis) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Supplier<URI> orders;
    private final boolean keyed;
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final List<CompletableFuture<Void>> inFlight = new ArrayList<>();
    private final int maxCommands;

    /** Starts sending {@code perSecond} commands a second to whatever {@code orders} points at, at most {@code maxCommands}. */
    SteadyLoad(Supplier<URI> orders, int perSecond, boolean keyed, int maxCommands) {
        this.orders = orders;
        this.keyed = keyed;
        this.maxCommands = maxCommands;
        ticks.scheduleAtFixedRate(this::sendOne, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
    }

    int sent() {
        synchronized (inFlight) {
            return inFlight.size();
        }
    }

    private void sendOne() {
        synchronized (inFlight) {
            if (inFlight.size() >= maxCommands) {
                return;
            }
            String key = keyed ? UUID.randomUUID().toString() : null;
            inFlight.add(send(http, orders.get(), UUID.randomUUID().toString(), key).thenAccept(outcomes::add));
        }
    }

    /** Stops sending and waits for every answer (or its absence); returns them all. */
    List<Outcome> stop() {
        ticks.shutdownNow();
        List<CompletableFuture<Void>> all;
        synchronized (inFlight) {
            all = List.copyOf(inFlight);
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        return List.copyOf(outcomes);
    }

    @Override
    public void close() {
        ticks.shutdownNow();
    }

    /** One order command; a known customer id and key make it a retry of an earlier one. */
    static CompletableFuture<Outcome> send(HttpClient http, URI orders, String customerId, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(orders)
                .header("Content-Type", "application/json")
                .timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"customerId":"%s","currency":"EUR","items":[{"sku":"KB-MECH-01","quantity":1,"unitPrice":89.90}]}"""
                        .formatted(customerId)));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        long start = System.nanoTime();
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (failure != null) {
                return new Outcome(customerId, key, NO_ANSWER, null, null, start, millis);
            }
            return new Outcome(customerId, key, response.statusCode(), eventId(response.body()),
                    response.headers().firstValue("Retry-After").orElse(null), start, millis);
        });
    }

    private static String eventId(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            return json.path("eventId").asText(null);
        } catch (IOException e) {
            return null;
        }
    }
}
