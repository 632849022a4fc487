package io.eventmonitoring.bridge.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventmonitoring.bridge.dlq.DeadLetter;
import io.eventmonitoring.bridge.dlq.DeadLetterCursor;
import io.eventmonitoring.bridge.dlq.DeadLetterFilter;
import io.eventmonitoring.bridge.dlq.DeadLetterReader;
import io.eventmonitoring.bridge.match.InvalidFieldException;
import io.eventmonitoring.bridge.replay.DeadLetterReplays;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Dead letters: listed newest first with filters and a cursor, replayed one by one or in bulk, each at most once. */
@Path("/admin/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class DeadLetterResource {

    static final int MAX_LIMIT = 1000;
    private static final Set<String> FILTERS = Set.of("reason", "channel", "type", "cause");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final DeadLetterReader reader;
    private final DeadLetterReplays replays;

    DeadLetterResource(DeadLetterReader reader, DeadLetterReplays replays) {
        this.reader = reader;
        this.replays = replays;
    }

    public record Replayed(int partition, long offset, List<String> channels) {
    }

    @GET
    public DeadLetterReader.Page list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                                      @QueryParam("reason") String reason, @QueryParam("channel") String channel,
                                      @QueryParam("type") String type, @QueryParam("cause") String cause,
                                      @QueryParam("replayed") String replayed) {
        int pageSize = limit == null ? 100 : wholeInt("limit", limit, 1, MAX_LIMIT);
        DeadLetterFilter filter = DeadLetterFilter.of(reason, channel, type, cause, replayed);
        return reader.page(filter, pageSize, Optional.ofNullable(cursor).map(DeadLetterCursor::decode));
    }

    @POST
    @Path("/{partition}/{offset}/replay")
    public Replayed replay(@PathParam("partition") String partitionText, @PathParam("offset") String offsetText) {
        int partition = wholeInt("partition", partitionText, 0, Integer.MAX_VALUE);
        long offset = whole("offset", offsetText, 0, Long.MAX_VALUE);
        DeadLetter letter = reader.read(partition, offset)
                .orElseThrow(() -> new NotFoundException("no dead letter at partition " + partition + " offset " + offset));
        return new Replayed(partition, offset, replays.replayOne(letter));
    }

    /** Replays every dead letter the filter in the body matches and that was not replayed before. */
    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replayAll(String body) {
        DeadLetterReplays.View job = replays.replayAll(filter(body));
        Response.ResponseBuilder response = job.state() == DeadLetterReplays.State.DONE ? Response.ok()
                : Response.accepted().header("Location", "/admin/dead-letters/replays/" + job.id());
        return response.entity(job).build();
    }

    @GET
    @Path("/replays")
    public List<DeadLetterReplays.View> jobs() {
        return replays.jobs();
    }

    @GET
    @Path("/replays/{id}")
    public DeadLetterReplays.View job(@PathParam("id") String id) {
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("id", "not a replay id (a UUID): '" + id + "'");
        }
        return replays.job(id).orElseThrow(() -> new NotFoundException("no replay " + id + " on this replica"));
    }

    /** The filter of a bulk replay: at least one of reason, channel, type and cause, so that none replays everything. */
    static DeadLetterFilter filter(String body) {
        JsonNode json;
        try {
            json = body == null || body.isBlank() ? null : MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidFieldException("body", "not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new InvalidFieldException("body", "must be a JSON object of filters " + FILTERS.stream().sorted().toList());
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FILTERS.contains(name)) {
                throw new InvalidFieldException(name, "unknown filter (known: " + FILTERS.stream().sorted().toList() + ")");
            }
        }
        DeadLetterFilter filter = DeadLetterFilter.of(text(json, "reason"), text(json, "channel"), text(json, "type"),
                text(json, "cause"), null);
        if (filter.isEmpty()) {
            throw new InvalidFieldException("body", "give at least one filter of " + FILTERS.stream().sorted().toList());
        }
        return filter;
    }

    private static String text(JsonNode json, String name) {
        JsonNode value = json.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidFieldException(name, "must be a string");
        }
        return value.textValue();
    }

    private static int wholeInt(String field, String text, int min, int max) {
        return Math.toIntExact(whole(field, text, min, max));
    }

    private static long whole(String field, String text, long min, long max) {
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw notWhole(field, text, min, max);
        }
        if (value < min || value > max) {
            throw notWhole(field, text, min, max);
        }
        return value;
    }

    private static InvalidFieldException notWhole(String field, String text, long min, long max) {
        return new InvalidFieldException(field, "must be a whole number from " + min + " to " + max + ", was '" + text + "'");
    }
}
