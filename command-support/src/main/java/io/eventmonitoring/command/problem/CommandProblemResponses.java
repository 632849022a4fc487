package io.eventmonitoring.command.problem;

import io.eventmonitoring.problem.Problem;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Documents the problems every command can answer, on every command operation (one that answers 202) of a domain
 * service's OpenAPI document, so that no resource repeats them: 400, 409, 413, 422, 503 (with Retry-After), 504,
 * and 404 where the path has a parameter. An operation that documents one of these with content keeps its own.
 * Installed by {@code mp.openapi.filter} in command-support's microprofile-config.properties.
 */
public class CommandProblemResponses implements OASFilter {

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}/]+)}");

    private static final Map<String, String> ANSWERS = new LinkedHashMap<>();

    static {
        ANSWERS.put("400", "Invalid input: each bad field is named in errors");
        ANSWERS.put("409", "A request with the same Idempotency-Key is still being processed");
        ANSWERS.put("413", "Request body larger than quarkus.http.limits.max-body-size");
        ANSWERS.put("422", "The Idempotency-Key was used for another request (method, path, query or body)");
        ANSWERS.put("503", "Kafka cannot take the command now; nothing was recorded, and nothing will be. "
                + "Retry after Retry-After seconds.");
        ANSWERS.put("504", "Kafka did not confirm the command in time: it may be recorded. "
                + "Retry with the same Idempotency-Key.");
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            if (path.getValue().getOperations() == null) {
                continue;
            }
            for (Operation operation : path.getValue().getOperations().values()) {
                APIResponses responses = operation.getResponses();
                if (responses != null && responses.hasAPIResponse("202")) {
                    addProblems(path.getKey(), responses);
                }
            }
        }
    }

    private static void addProblems(String path, APIResponses responses) {
        ANSWERS.forEach((status, description) -> addUnlessDocumented(responses, status, problem(description)));
        APIResponse unavailable = responses.getAPIResponse("503");
        if (unavailable.getHeaders() == null || !unavailable.getHeaders().containsKey("Retry-After")) {
            unavailable.addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
        }
        List<String> parameters = pathParameters(path);
        if (!parameters.isEmpty()) {
            addUnlessDocumented(responses, "404", problem(String.join(" or ", parameters)
                    + " cannot name anything this service issued (see the parameter's schema)"));
        }
    }

    /** Quarkus adds a bare 400 (no content) to operations with a body: that one is replaced too. */
    private static void addUnlessDocumented(APIResponses responses, String status, APIResponse response) {
        APIResponse present = responses.getAPIResponse(status);
        if (present == null || present.getContent() == null) {
            responses.addAPIResponse(status, response);
        }
    }

    private static APIResponse problem(String description) {
        Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem")));
        return OASFactory.createAPIResponse().description(description).content(content);
    }

    private static List<String> pathParameters(String path) {
        List<String> names = new ArrayList<>();
        Matcher matcher = PATH_PARAMETER.matcher(path);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
