package org.consentledger.console;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The JSON API takes no forms, but HTTP clients label body-less POSTs as forms ({@code curl -d ''}, RestAssured's
 * default). Outside /console such a label on an empty body is dropped, so the request matches the endpoint as a
 * body-less one; a real form body sent to the API is still refused (415). The console's forms are checked by
 * {@link ConsoleCsrfFilter}.
 */
public class CsrfScope {

    @ServerRequestFilter(preMatching = true)
    public void dropFormLabelOfEmptyApiRequests(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.equals("/console") || path.startsWith("/console/")) {
            return;
        }
        MediaType type = request.getMediaType();
        if (type == null || !(type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                || type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE))) {
            return;
        }
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        boolean empty = length == null ? request.getHeaderString("Transfer-Encoding") == null : "0".equals(length.strip());
        if (empty) {
            request.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
        }
    }
}
