package io.eventmonitoring.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What every HTTP API of the project answers the same way, as application/problem+json and never with a stack trace:
 * a body that is not the JSON expected (400 naming the field), an HTTP error of JAX-RS itself (404, 405 with Allow,
 * 406, 415), and a bug (500, logged). A service maps its own exceptions beside these.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        return invalid(FieldNames.of(e), "is not a known field; known fields: " + e.getKnownPropertyIds().stream()
                .map(String::valueOf).sorted().collect(Collectors.joining(", ")));
    }

    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e) {
        if (e instanceof UnrecognizedPropertyException unrecognized) {
            return unknownField(unrecognized);
        }
        if (e instanceof InvalidNullException) {
            return invalid(FieldNames.of(e), "must not be null");
        }
        return invalid(FieldNames.of(e), expected(e.getTargetType()));
    }

    @ServerExceptionMapper
    public Response unmappable(JsonMappingException e) {
        if (e instanceof MismatchedInputException mismatch) {
            return wrongType(mismatch);
        }
        return invalid(FieldNames.of(e), "cannot be read: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response notJson(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping) {
            return unmappable(mapping);
        }
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return invalid(FieldNames.BODY, "is not valid JSON" + where + ": " + firstLine(e.getOriginalMessage()));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, ResourceInfo resource) {
        // The JSON reader wraps errors in the request body in a 400 WebApplicationException.
        if (e.getCause() instanceof JsonProcessingException json) {
            return notJson(json);
        }
        Response original = e.getResponse();
        Response.StatusType status = original.getStatusInfo();
        // A 404 thrown by a resource method says what it did not find; one from routing, that the path is unknown.
        boolean fromResource = resource != null && resource.getResourceMethod() != null;
        String detail = status.getStatusCode() == 404 && fromResource ? e.getMessage() : detail(status.getStatusCode(), e);
        Response.ResponseBuilder answer = Problem.of(status.getStatusCode(), status.getReasonPhrase(), detail)
                .toResponseBuilder();
        // 405 must say which methods the resource has.
        if (original.getHeaderString(HttpHeaders.ALLOW) != null) {
            answer.header(HttpHeaders.ALLOW, original.getHeaderString(HttpHeaders.ALLOW));
        }
        return answer.build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.errorf(e, "unexpected error while handling a request");
        return Problem.of(500, "Internal Server Error", "An unexpected error occurred.").toResponse();
    }

    private static Response invalid(String field, String message) {
        return Problem.invalid(field, message).toResponse();
    }

    /** What the field should have been, in the client's terms (JSON types), not Java's. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (type == String.class || type == UUID.class) {
            return "must be a string";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class || type == BigInteger.class) {
            return "must be an integer";
        }
        if (type == BigDecimal.class || type == double.class || type == Double.class
                || type == float.class || type == Float.class) {
            return "must be a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "must be an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "must be an object";
        }
        return "has the wrong type";
    }

    private static String detail(int status, WebApplicationException e) {
        return switch (status) {
            case 404 -> "There is no resource at this path.";
            case 405 -> "The resource does not support this method.";
            case 406 -> "The service answers application/json and application/problem+json only.";
            case 415 -> "The request body must be application/json.";
            default -> e.getMessage();
        };
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
