package io.eventmonitoring.command.accept;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventmonitoring.command.idempotency.IdempotencyKey;
import io.eventmonitoring.command.idempotency.IdempotencyKeyInFlightException;
import io.eventmonitoring.command.idempotency.IdempotencyKeyReusedException;
import io.eventmonitoring.command.idempotency.IdempotencyStore;
import io.eventmonitoring.command.idempotency.LedgerRecord;
import io.eventmonitoring.command.publish.CommandAccepted;
import io.eventmonitoring.command.publish.EventNotAcceptedException;
import io.eventmonitoring.command.publish.EventPublisher;
import io.eventmonitoring.command.publish.PublishConfig;
import io.eventmonitoring.events.CloudEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Where a validated command becomes its event on Kafka and its HTTP answer. Without an Idempotency-Key it is
 * published at once; with one, the key is claimed first, and a key answered before is answered the same again.
 */
@ApplicationScoped
public class CommandGateway {

    /** Set on a 202 that repeats the answer of an earlier request with the same Idempotency-Key. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final EventPublisher publisher;
    private final IdempotencyStore store;
    private final ObjectMapper mapper;
    private final PublishConfig config;
    private final String application;

    CommandGateway(EventPublisher publisher, IdempotencyStore store, ObjectMapper mapper, PublishConfig config,
                   @ConfigProperty(name = "quarkus.application.name") String application) {
        this.publisher = publisher;
        this.store = store;
        this.mapper = mapper;
        this.config = config;
        this.application = application;
    }

    /**
     * Records the event and answers 202 with the entity's location. {@code body} is the request's body as read (null
     * when it has none): with the method, path and query it is what "the same request" means for a key.
     */
    public CompletionStage<Response> accept(HttpServerRequest http, String idempotencyKey, Object body,
                                            CloudEvent event, String location) {
        Optional<IdempotencyKey> key = IdempotencyKey.parse(idempotencyKey);
        if (key.isEmpty()) {
            return publisher.publish(event).thenApply(published -> CommandAccepted.response(published, location));
        }
        String scope = IdempotencyStore.scope(application, http.method().name(), http.path(), key.get());
        String fingerprint = fingerprint(http, body);
        Context context = Vertx.currentContext();
        CompletableFuture<Response> answer = new CompletableFuture<>();
        store.claim(scope, fingerprint, config.ackTimeout()).whenComplete((decision, failure) -> {
            Runnable next = () -> {
                try {
                    decided(decision, failure, event, location).whenComplete((response, error) -> {
                        if (error == null) {
                            answer.complete(response);
                        } else {
                            answer.completeExceptionally(unwrap(error));
                        }
                    });
                } catch (RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            };
            if (context == null) {
                next.run();
            } else {
                context.runOnContext(ignored -> next.run());
            }
        });
        return answer;
    }

    private CompletionStage<Response> decided(IdempotencyStore.Decision decision, Throwable failure, CloudEvent event,
                                              String location) {
        if (failure != null) {
            throw new EventNotAcceptedException("Kafka could not decide the Idempotency-Key: " + unwrap(failure), failure);
        }
        if (decision instanceof IdempotencyStore.Replay replay) {
            return CompletableFuture.completedFuture(replayed(replay.accepted()));
        }
        if (decision instanceof IdempotencyStore.InFlight) {
            throw new IdempotencyKeyInFlightException();
        }
        if (decision instanceof IdempotencyStore.Mismatch) {
            throw new IdempotencyKeyReusedException();
        }
        IdempotencyStore.Proceed proceed = (IdempotencyStore.Proceed) decision;
        LedgerRecord.Accepted accepted = new LedgerRecord.Accepted(event.id(), event.type(), event.subject(), location);
        EventPublisher.Publication publication = publisher.publish(event, List.of(store.answerRecord(proceed, accepted)));
        publication.outcome().whenComplete((committed, unknown) -> {
            if (Boolean.TRUE.equals(committed)) {
                store.answered(proceed, accepted);
            } else if (Boolean.FALSE.equals(committed)) {
                store.release(proceed);
            }
        });
        return publication.answer().thenApply(published -> CommandAccepted.response(published, location));
    }

    private static Response replayed(LedgerRecord.Accepted accepted) {
        return CommandAccepted.response(new CommandAccepted(accepted.eventId(), accepted.type(), accepted.subject(),
                accepted.location())).header(REPLAYED_HEADER, "true").build();
    }

    private String fingerprint(HttpServerRequest http, Object body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((http.method().name() + "\n" + http.path() + "\n" + http.query() + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(mapper.writeValueAsBytes(body));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot fingerprint a request", e);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
