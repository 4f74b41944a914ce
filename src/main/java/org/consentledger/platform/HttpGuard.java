package org.consentledger.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.consentledger.consent.IngestConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The first handler of every request (before Quarkus' own body-size check and the REST layer): refuses, as
 * application/problem+json, what must never reach a resource: no Host, matrix parameters, encoded or literal dot
 * segments, bad percent-encoding in the path or query, a Content-Type that is not one media type, repeated
 * Content-Type or Idempotency-Key headers and bodies over the limit (16 KB visitor API, announced or chunked). Also
 * renders the HTTP layer's own failures (413 of the body reader, 400 of bad framing it reports) as problems.
 * README "Errors" lists the rules; what Netty answers before any handler runs is in docs/OPERATORS.md.
 */
@ApplicationScoped
public class HttpGuard {

    private static final Logger LOG = Logger.getLogger(HttpGuard.class);
    /** One media type, RFC 9110 section 8.3.1: type "/" subtype *( OWS ";" OWS parameter ). */
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    private static final Pattern MEDIA_TYPE = Pattern.compile(TOKEN + "/" + TOKEN
            + "(\\s*;\\s*" + TOKEN + "=(" + TOKEN + "|\"[^\"\\\\\\x00-\\x1f]*\"))*\\s*");
    static final String VISITOR_API = "/api/v1/sites/";
    /**
     * Limits the service enforces itself (answered as problems); Netty's own, higher ones
     * (quarkus.http.limits.max-initial-line-length / max-header-size) only stop what is far beyond them.
     */
    static final int MAX_URI_LENGTH = 4096;
    static final int MAX_HEADER_BYTES = 20 * 1024;
    static final int MAX_HEADER_COUNT = 100;

    @Inject
    IngestConfig ingest;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    io.quarkus.runtime.configuration.MemorySize maxBodySize;

    void register(@Observes Router router) {
        visitorBody = BodyHandler.create(false).setBodyLimit(ingest.maxBodyBytes()).setHandleFileUploads(false);
        operatorBody = BodyHandler.create(false).setBodyLimit(maxBodySize.asLongValue()).setHandleFileUploads(false);
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 10).handler(this::screen);
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 10).failureHandler(this::failure);
        // after the body was read above: a JSON body that is just null is no object of any endpoint
        router.routeWithRegex("/api/.*").order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 8).handler(this::nullBody);
        // what the router itself refuses before any route (e.g. a path it cannot decode)
        for (int status : new int[] {400, 413, 414, 431}) {
            router.errorHandler(status, this::failure);
        }
    }

    void nullBody(RoutingContext context) {
        io.vertx.ext.web.RequestBody body = context.body();
        if (body != null && body.available() && body.length() <= 64 && "null".equals(body.asString().trim())) {
            answer(context, 400, "malformed-json", "Malformed request body",
                    "The request body must be a JSON object, not null", false);
            return;
        }
        context.next();
    }

    private BodyHandler visitorBody;
    private BodyHandler operatorBody;

    void screen(RoutingContext context) {
        HttpServerRequest request = context.request();
        String uri = request.uri();
        if (uri.length() > MAX_URI_LENGTH) {
            answer(context, 414, "uri-too-long", "URI too long",
                    "The request target is longer than " + MAX_URI_LENGTH + " characters", true);
            return;
        }
        String headerProblem = headerProblem(request.headers());
        if (headerProblem != null) {
            answer(context, 431, "request-header-fields-too-large", "Request header fields too large", headerProblem, true);
            return;
        }
        if (request.version() != HttpVersion.HTTP_1_0 && blank(request.getHeader(HttpHeaders.HOST))
                && !uri.startsWith("http")) {
            answer(context, 400, "bad-request", "Bad request", "The request has no Host header", false);
            return;
        }
        int query = uri.indexOf('?');
        String path = query >= 0 ? uri.substring(0, query) : uri;
        String pathProblem = pathProblem(path);
        if (pathProblem != null) {
            answer(context, 404, "not-found", "Not found", pathProblem, false);
            return;
        }
        if (query >= 0) {
            String bad = badQueryParameter(uri.substring(query + 1));
            if (bad != null) {
                answer(context, 400, "bad-request", "Bad request",
                        "Query parameter '" + bad + "' is not valid percent-encoding", false);
                return;
            }
        }
        if (!isUri(uri)) {
            // what Quarkus' own check (turned off with vertx.disableURIValidation, ConsentLedgerMain) answered with
            // an empty 400: characters a URI may not hold (space, quotes, braces, raw non-ASCII …)
            answer(context, 400, "bad-request", "Bad request", "The request target is not a valid URI", false);
            return;
        }
        String coding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
        if (coding != null && !coding.trim().equalsIgnoreCase("chunked")) {
            answer(context, 501, "not-implemented", "Not Implemented",
                    "Only the chunked transfer coding is supported", true);
            return;
        }
        List<String> contentTypes = request.headers().getAll(HttpHeaders.CONTENT_TYPE);
        if (contentTypes.size() > 1) {
            answer(context, 400, "bad-request", "Bad request", "The request has more than one Content-Type", false);
            return;
        }
        if (contentTypes.size() == 1 && !MEDIA_TYPE.matcher(contentTypes.get(0)).matches()) {
            answer(context, 415, "unsupported-media-type", "Unsupported Media Type",
                    "Content-Type is not one media type; send application/json", false);
            return;
        }
        if (request.headers().getAll("Idempotency-Key").size() > 1) {
            answer(context, 400, "bad-idempotency-key", "Bad Idempotency-Key",
                    "The request has more than one Idempotency-Key", false);
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long limit = path.startsWith(VISITOR_API) ? ingest.maxBodyBytes() : maxBodySize.asLongValue();
            long announced;
            try {
                announced = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                announced = Long.MAX_VALUE;
            }
            if (announced > limit) {
                // without reading the body: the connection closes after the answer
                answer(context, 413, "payload-too-large", "Payload too large",
                        "The request body is larger than " + limit + " bytes", true);
                return;
            }
        }
        String lowerType = contentTypes.isEmpty() ? null : contentTypes.get(0).toLowerCase(java.util.Locale.ROOT);
        boolean bodySent = length == null ? request.headers().contains(HttpHeaders.TRANSFER_ENCODING) : !length.trim().equals("0");
        // the cookie monitor's beacon (navigator.sendBeacon) can only send text/plain
        boolean beacon = path.endsWith("/cookie-reports") && lowerType != null && lowerType.startsWith("text/plain");
        if (path.startsWith("/api/") && bodySent && !beacon && (lowerType == null || !JsonBody.isJson(lowerType))) {
            // every API body is JSON: forms, multipart, text or no Content-Type at all are refused before reading
            answer(context, 415, "unsupported-media-type", "Unsupported Media Type",
                    "Send the body as Content-Type: application/json", true);
            return;
        }
        // JSON APIs: a body is read here with the limit the client is promised, so a chunked body over it gets a
        // problem+json 413 too (the REST layer then uses the body read here); forms and multipart are left to the
        // resources, which refuse them with 415
        String type = contentTypes.isEmpty() ? "" : contentTypes.get(0).toLowerCase(java.util.Locale.ROOT);
        boolean hasBody = length == null ? request.headers().contains(HttpHeaders.TRANSFER_ENCODING) : !length.trim().equals("0");
        // HTTP/1.x only: on an HTTP/2 stream (h2, or h2c after an upgrade) the REST layer cannot take over a body
        // read here ("Request has already been read", a 500); there Quarkus' own limit answers, rendered by failure()
        boolean http1 = request.version() != HttpVersion.HTTP_2;
        if (http1 && hasBody && !type.startsWith("multipart/") && !type.startsWith("application/x-www-form-urlencoded")) {
            if (path.startsWith(VISITOR_API)) {
                visitorBody.handle(context);
                return;
            }
            if (path.startsWith("/api/v1/admin/") || path.startsWith("/api/v1/auth/")) {
                operatorBody.handle(context);
                return;
            }
        }
        context.next();
    }

    void failure(RoutingContext context) {
        HttpServerResponse response = context.response();
        if (response.ended() || response.headWritten()) {
            return;
        }
        int status = context.statusCode();
        Throwable failure = context.failure();
        if (status == 413) {
            long limit = context.request().path().startsWith(VISITOR_API) ? ingest.maxBodyBytes() : maxBodySize.asLongValue();
            answer(context, 413, "payload-too-large", "Payload too large",
                    "The request body is larger than " + limit + " bytes", true);
        } else if (failure != null && ProblemMappers.isClientGone(failure)) {
            LOG.debugf("Client closed the connection: %s", failure.getMessage());
            if (!response.closed()) {
                context.request().connection().close();
            }
        } else if (failure != null && isFramingError(failure)) {
            // bad chunk sizes and similar: the client's mistake, answered and logged without a stack trace
            LOG.warnf("Malformed HTTP request to %s: %s", context.request().path(), failure.toString());
            answer(context, 400, "bad-request", "Bad request", "The request is not well-formed HTTP", true);
        } else if (failure != null && isUriDecodingError(failure)) {
            // a handler that runs before screen() (e.g. the REST layer's metrics template path) decoded the path
            String pathProblem = pathProblem(context.request().path());
            if (pathProblem != null) {
                answer(context, 404, "not-found", "Not found", pathProblem, false);
            } else {
                answer(context, 400, "bad-request", "Bad request", "The request target is not valid percent-encoding", false);
            }
        } else if (status >= 400 && status < 500) {
            String reason = io.netty.handler.codec.http.HttpResponseStatus.valueOf(status).reasonPhrase();
            LOG.debugf("HTTP %d for %s: %s", status, context.request().path(), failure == null ? "" : failure.getMessage());
            answer(context, status, reason.toLowerCase().replaceAll("[^a-z0-9]+", "-"), reason,
                    "The request could not be processed: " + reason, false);
        } else if (failure != null && ProblemMappers.isDatabaseUnavailable(failure)) {
            LOG.warnf("Database unavailable: %s", failure.getMessage());
            context.response().putHeader("Retry-After", Integer.toString(ProblemMappers.DATABASE_RETRY_AFTER_SECONDS));
            answer(context, 503, "unavailable", "Service unavailable", "The database is not reachable; retry later", false);
        } else {
            // a fault of ours outside the REST layer: logged with its stack, answered as a problem (not Quarkus' page)
            LOG.errorf(failure, "Unexpected error for %s %s (HTTP %d)", context.request().method(),
                    context.request().path(), status);
            answer(context, 500, "internal", "Internal error", "An unexpected error occurred; it has been logged", false);
        }
    }

    /** True when Vert.x could not percent-decode the request's path or query (the client's mistake). */
    static boolean isUriDecodingError(Throwable failure) {
        if (!(failure instanceof IllegalArgumentException)) {
            return false;
        }
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (frame.getClassName().equals("io.vertx.core.http.impl.HttpUtils")
                    || frame.getClassName().equals("io.netty.handler.codec.http.QueryStringDecoder")
                    || frame.getClassName().equals("io.vertx.core.net.impl.URIDecoder")) {
                return true;
            }
        }
        return false;
    }

    static boolean isFramingError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.netty.handler.codec.DecoderException || t instanceof NumberFormatException
                    || t instanceof io.netty.handler.codec.TooLongFrameException
                    || t instanceof io.netty.handler.codec.PrematureChannelClosureException) {
                return true;
            }
        }
        return false;
    }

    static boolean isUri(String uri) {
        try {
            new java.net.URI(uri);
            return true;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** Why the header block is refused (431), or null when it is within the limits. */
    static String headerProblem(io.vertx.core.MultiMap headers) {
        // size() counts distinct names; every field line counts here
        int count = 0;
        long bytes = 0;
        for (java.util.Map.Entry<String, String> header : headers) {
            count++;
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        if (count > MAX_HEADER_COUNT) {
            return "The request has more than " + MAX_HEADER_COUNT + " header fields";
        }
        return bytes > MAX_HEADER_BYTES ? "The request's header fields are larger than " + MAX_HEADER_BYTES + " bytes" : null;
    }

    /** Why the raw path must not resolve to any resource, or null when it is fine. */
    static String pathProblem(String path) {
        if (path.startsWith("/api/") && path.length() > 1 && path.endsWith("/")) {
            return "No such resource (trailing slash)";
        }
        if (path.indexOf(';') >= 0) {
            return "No such resource (matrix parameters are not supported)";
        }
        String lower = path.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00")
                || path.indexOf('\\') >= 0 || path.contains("//")) {
            return "No such resource (encoded dots, slashes or empty segments)";
        }
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return "No such resource (dot segments)";
            }
        }
        try {
            URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "No such resource (bad percent-encoding)";
        }
        return null;
    }

    /** The name of the first query parameter whose name or value is not valid percent-encoding, else null. */
    static String badQueryParameter(String query) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq >= 0 ? pair.substring(0, eq) : pair;
            try {
                String decodedName = URLDecoder.decode(name, StandardCharsets.UTF_8);
                try {
                    URLDecoder.decode(eq >= 0 ? pair.substring(eq + 1) : "", StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return printable(decodedName);
                }
            } catch (IllegalArgumentException e) {
                return printable(name);
            }
        }
        return null;
    }

    private static String printable(String name) {
        String clean = name.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }

    private void answer(RoutingContext context, int status, String slug, String title, String detail, boolean close) {
        HttpServerResponse response = context.response();
        String path = context.request().path();
        boolean console = path != null && path.startsWith("/console");
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE,
                console ? "text/html;charset=UTF-8" : Problem.MEDIA_TYPE);
        if (console) {
            // the console is read in a browser: a page, with the console's headers (ConsoleFilter does not run here)
            response.putHeader("Content-Security-Policy", "default-src 'self'; style-src 'self'; object-src 'none'; "
                            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
                    .putHeader("X-Frame-Options", "DENY").putHeader("Cache-Control", "no-store")
                    .putHeader("Referrer-Policy", "same-origin");
        }
        String body;
        if (console) {
            body = errorPage(status, title, detail);
        } else {
            try {
                body = mapper.writeValueAsString(Problem.of(status, slug, title, detail));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                body = "";
            }
        }
        HttpServerRequest request = context.request();
        if (!close) {
            response.end(body);
            return;
        }
        response.putHeader(HttpHeaders.CONNECTION, "close");
        response.end(body);
        if (request.isEnded()) {
            close(request);
            return;
        }
        // the connection closes once the client has sent the rest (read and discarded here) or stops sending:
        // closing with unread data makes TCP reset the connection, and the client may lose the answer
        drain(context, request, () -> close(request));
    }

    /** At most this much of a refused body is read and discarded, so that a client writing it all first sees the answer. */
    static final long DRAIN_LIMIT_BYTES = 64L * 1024 * 1024;
    /** The connection is closed when the client sends nothing for this long (or after DRAIN_MAX_MILLIS in all). */
    static final long DRAIN_IDLE_MILLIS = 2000;
    static final long DRAIN_MAX_MILLIS = 30_000;

    /**
     * Reads and discards the rest of a refused request, then closes: closing with unread data makes TCP reset the
     * connection, and a client that writes its whole body before reading would lose the answer.
     */
    private static void drain(RoutingContext context, HttpServerRequest request, Runnable then) {
        io.vertx.core.Vertx vertx = context.vertx();
        long started = System.nanoTime();
        boolean[] done = {false};
        long[] state = {0, -1};
        Runnable finish = () -> {
            if (!done[0]) {
                done[0] = true;
                vertx.cancelTimer(state[1]);
                then.run();
            }
        };
        state[1] = vertx.setTimer(DRAIN_IDLE_MILLIS, t -> finish.run());
        request.handler(chunk -> {
            state[0] += chunk.length();
            vertx.cancelTimer(state[1]);
            if (state[0] > DRAIN_LIMIT_BYTES || System.nanoTime() - started > DRAIN_MAX_MILLIS * 1_000_000) {
                finish.run();
            } else if (!done[0]) {
                state[1] = vertx.setTimer(DRAIN_IDLE_MILLIS, t -> finish.run());
            }
        }).endHandler(v -> finish.run()).exceptionHandler(e -> finish.run());
        request.resume();
    }

    private static void close(HttpServerRequest request) {
        try {
            request.connection().close();
        } catch (RuntimeException e) {
            // already closed
        }
    }

    /** A plain console page for what is refused before the console's resources (and its templates) run. */
    static String errorPage(int status, String title, String detail) {
        String heading = status + " · " + html(title);
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + heading + " · Consent Ledger</title>\n"
                + "<link rel=\"stylesheet\" href=\"/console/assets/console.css\">\n</head>\n<body>\n"
                + "<header class=\"top\"><a class=\"brand\" href=\"/console\">Consent Ledger</a></header>\n"
                + "<main id=\"main\">\n<h1>" + heading + "</h1>\n<p class=\"error\">" + html(detail) + "</p>\n"
                + "<p><a href=\"/console\">Consent Ledger</a></p>\n</main>\n</body>\n</html>\n";
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
