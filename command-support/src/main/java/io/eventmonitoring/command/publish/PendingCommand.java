package io.eventmonitoring.command.publish;

import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One command's records on their way into a transaction, with two outcomes: {@link #answer} is what the client is
 * told (in time: committed, refused or unknown at its deadline), {@link #settled} what became of the records once
 * Kafka said so (true committed, false aborted; it fails when that stays unknown).
 */
final class PendingCommand {

    final List<ProducerRecord<String, String>> records;
    final long deadlineNanos;
    final CompletableFuture<Void> answer = new CompletableFuture<>();
    final CompletableFuture<Boolean> settled = new CompletableFuture<>();

    PendingCommand(List<ProducerRecord<String, String>> records, long deadlineNanos) {
        this.records = List.copyOf(records);
        this.deadlineNanos = deadlineNanos;
    }

    /** Never sent, or in an aborted transaction: no consumer will ever see the records. */
    void refuse(String reason, Throwable cause) {
        answer.completeExceptionally(new EventNotAcceptedException(reason, cause));
        settled.complete(false);
    }

    /** The outcome first: what waits for it (the Idempotency-Key ledger) is up to date before the client is answered. */
    void committed() {
        settled.complete(true);
        answer.complete(null);
    }

    /** Kafka has not said yet: tell the client so, keep waiting for the outcome. */
    void deadlinePassed(String reason) {
        answer.completeExceptionally(new EventOutcomeUnknownException(reason, null));
    }

    void outcomeUnknown(String reason, Throwable cause) {
        EventOutcomeUnknownException unknown = new EventOutcomeUnknownException(reason, cause);
        answer.completeExceptionally(unknown);
        settled.completeExceptionally(unknown);
    }
}
