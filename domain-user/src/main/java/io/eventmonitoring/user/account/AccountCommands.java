package io.eventmonitoring.user.account;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

/**
 * The user commands, whoever sends them (the REST API or the traffic simulator): each is validated here, then
 * turned into exactly one event, which the caller records. The service keeps no state: the event is the whole effect.
 */
@ApplicationScoped
public class AccountCommands {

    private final ObjectMapper mapper;

    AccountCommands(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A new user, with a new id: the event's subject. */
    public CloudEvent signUp(@NotNull @Valid SignUp body) {
        return CloudEvent.of(EventType.USER_SIGNED_UP, UUID.randomUUID().toString(), data(body));
    }

    public CloudEvent updateProfile(@EntityId String userId, @NotNull @Valid UpdateProfile body) {
        return CloudEvent.of(EventType.USER_PROFILE_UPDATED, userId, data(body));
    }

    public CloudEvent deleteAccount(@EntityId String userId,
                                                     @Size(max = 200) @Pattern(regexp = Patterns.NO_CONTROL_CHARACTERS,
                                                             message = Patterns.NO_CONTROL_CHARACTERS_MESSAGE) String reason) {
        ObjectNode data = mapper.createObjectNode();
        if (reason != null) {
            data.put("reason", reason);
        }
        return CloudEvent.of(EventType.USER_ACCOUNT_DELETED, userId, data);
    }

    public CloudEvent requestPasswordReset(@EntityId String userId, @NotNull @Valid PasswordReset body) {
        return CloudEvent.of(EventType.USER_PASSWORD_RESET_REQUESTED, userId, data(body));
    }

    /** A review gets its own id, in the event's data as {@code reviewId}; the subject stays the user. */
    public CloudEvent postReview(@EntityId String userId, @NotNull @Valid PostReview body) {
        ObjectNode data = data(body);
        data.put("reviewId", UUID.randomUUID().toString());
        return CloudEvent.of(EventType.USER_REVIEW_POSTED, userId, data);
    }

    private ObjectNode data(Object body) {
        return mapper.valueToTree(body);
    }
}
