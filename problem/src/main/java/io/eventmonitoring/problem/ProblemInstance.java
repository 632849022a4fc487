package io.eventmonitoring.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Names the request in every problem answered through JAX-RS, whichever mapper or filter made it: its
 * {@code instance} is the request's path (without the query, which may carry data).
 */
public class ProblemInstance {

    @ServerResponseFilter
    public void nameTheRequest(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Problem problem && problem.instance() == null) {
            response.setEntity(problem.at(request.getUriInfo().getRequestUri().getRawPath()));
        }
    }
}
