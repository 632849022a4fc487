package io.eventmonitoring.user.account;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventmonitoring.command.publish.CommandAccepted;
import io.eventmonitoring.command.publish.EventPublisher;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.EventType;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.UUID;

@Path("/users")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    private final EventPublisher publisher;
    private final ObjectMapper mapper;

    AccountResource(EventPublisher publisher, ObjectMapper mapper) {
        this.publisher = publisher;
        this.mapper = mapper;
    }

    @POST
    public Uni<Response> signUp(@NotNull @Valid SignUp command) {
        String userId = UUID.randomUUID().toString();
        return publisher.publish(CloudEvent.of(EventType.USER_SIGNED_UP, userId, mapper.valueToTree(command)))
                .map(CommandAccepted::response);
    }
}
