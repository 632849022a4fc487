package io.eventmonitoring.chaos;

import io.eventmonitoring.chaos.ChaosReport.Answer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An open loop of commands at a fixed rate, alternating sign-ups to domain-user and orders to domain-order, each
 * with its own marker (the email or the customer id) and every answer recorded: a slow or dead service never slows
 * the rate down, as real clients do not wait for each other.
 */
final class LoadDriver implements AutoCloseable {

    /** Longer than a command may wait in a service (15 s), so that a missing answer means no answer. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(40);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "chaos-load");
        thread.setDaemon(true);
        return thread;
    });
    private final List<CompletableFuture<Answer>> sent = new ArrayList<>();
    private final int userPort;
    private final int orderPort;
    private final String runId;

    LoadDriver(int userPort, int orderPort, String runId) {
        this.userPort = userPort;
        this.orderPort = orderPort;
        this.runId = runId;
    }

    void start(int perSecond) {
        ticks.scheduleAtFixedRate(this::sendOne, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
    }

    /** Stops sending and waits for every answer (or its absence); returns them all. */
    List<Answer> stop() {
        ticks.shutdownNow();
        synchronized (sent) {
            return sent.stream().map(CompletableFuture::join).toList();
        }
    }

    private void sendOne() {
        synchronized (sent) {
            int n = sent.size();
            String marker = "chaos-" + runId + "-" + n;
            sent.add(n % 2 == 0
                    ? send("domain-user", userPort, "/users", """
                            {"email":"%s@example.com","name":"Chaos %d"}""".formatted(marker, n), marker + "@example.com")
                    : send("domain-order", orderPort, "/orders", """
                            {"customerId":"%s","currency":"EUR",\
                            "items":[{"sku":"KB-MECH-01","quantity":1,"unitPrice":89.90}]}""".formatted(marker), marker));
        }
    }

    private CompletableFuture<Answer> send(String service, int port, String path, String body, String marker) {
        Instant sentAt = Instant.now();
        return http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "application/json").timeout(REQUEST_TIMEOUT)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> new Answer(service, marker, failure != null ? Answer.NO_ANSWER
                        : response.statusCode(), failure != null ? null
                        : DurableRecords.json(response.body()).path("eventId").asText(null), sentAt));
    }

    @Override
    public void close() {
        ticks.shutdownNow();
    }
}
