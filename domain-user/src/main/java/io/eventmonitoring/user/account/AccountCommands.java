package io.eventmonitoring.user.account;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventmonitoring.command.publish.EventPublisher;
import io.eventmonitoring.command.validation.EntityId;
import io.eventmonitoring.command.validation.Patterns;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * The user commands, whoever sends them (the REST API or the traffic simulator): each is validated here, then
 * recorded as exactly one event. The service keeps no state: the event is the whole effect.
 */
@ApplicationScoped
public class AccountCommands {

    private final EventPublisher publisher;
    private final ObjectMapper mapper;

    AccountCommands(EventPublisher publisher, ObjectMapper mapper) {
        this.publisher = publisher;
        this.mapper = mapper;
    }

    /** A new user, with a new id: the event's subject. */
    public CompletionStage<CloudEvent> signUp(@NotNull @Valid SignUp body) {
        return publisher.publish(CloudEvent.of(EventType.USER_SIGNED_UP, UUID.randomUUID().toString(), data(body)));
    }

    public CompletionStage<CloudEvent> updateProfile(@EntityId String userId, @NotNull @Valid UpdateProfile body) {
        return publisher.publish(CloudEvent.of(EventType.USER_PROFILE_UPDATED, userId, data(body)));
    }

    public CompletionStage<CloudEvent> deleteAccount(@EntityId String userId,
                                                     @Size(max = 200) @Pattern(regexp = Patterns.NO_CONTROL_CHARACTERS,
                                                             message = Patterns.NO_CONTROL_CHARACTERS_MESSAGE) String reason) {
        ObjectNode data = mapper.createObjectNode();
        if (reason != null) {
            data.put("reason", reason);
        }
        return publisher.publish(CloudEvent.of(EventType.USER_ACCOUNT_DELETED, userId, data));
    }

    public CompletionStage<CloudEvent> requestPasswordReset(@EntityId String userId, @NotNull @Valid PasswordReset body) {
        return publisher.publish(CloudEvent.of(EventType.USER_PASSWORD_RESET_REQUESTED, userId, data(body)));
    }

    /** A review gets its own id, in the event's data as {@code reviewId}; the subject stays the user. */
    public CompletionStage<CloudEvent> postReview(@EntityId String userId, @NotNull @Valid PostReview body) {
        ObjectNode data = data(body);
        data.put("reviewId", UUID.randomUUID().toString());
        return publisher.publish(CloudEvent.of(EventType.USER_REVIEW_POSTED, userId, data));
    }

    private ObjectNode data(Object body) {
        return mapper.valueToTree(body);
    }
}
