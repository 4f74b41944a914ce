package org.consentledger.banner;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Serves the banner script: {@code /banner.js} (short cache, revalidated by ETag, so a new build reaches
 * every site within minutes) and {@code /banner/{hash}/banner.js} (immutable for a year; for operators who
 * pin a build, e.g. with Subresource Integrity).
 */
@Path("/")
public class BannerScriptResource {

    static final String JAVASCRIPT = "text/javascript; charset=utf-8";
    static final String SHORT_CACHE = "public, max-age=300";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    @Inject
    BannerBundle bundle;

    @GET
    @Path("banner.js")
    public Response latest(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        String etag = "\"" + bundle.hash() + "\"";
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
            return headers(Response.notModified(), SHORT_CACHE).header(HttpHeaders.ETAG, etag).build();
        }
        return headers(Response.ok(bundle.scriptUnsafe(), JAVASCRIPT), SHORT_CACHE).header(HttpHeaders.ETAG, etag).build();
    }

    @GET
    @Path("banner/{hash}/banner.js")
    public Response pinned(@PathParam("hash") String hash) {
        if (!bundle.hash().equals(hash)) {
            throw new NotFoundException("no banner build with hash " + hash + " on this server");
        }
        return headers(Response.ok(bundle.scriptUnsafe(), JAVASCRIPT), IMMUTABLE)
                .header(HttpHeaders.ETAG, "\"" + bundle.hash() + "\"").build();
    }

    private static Response.ResponseBuilder headers(Response.ResponseBuilder builder, String cacheControl) {
        return builder.header(HttpHeaders.CACHE_CONTROL, cacheControl)
                .header("X-Content-Type-Options", "nosniff")
                .header("Cross-Origin-Resource-Policy", "cross-origin");
    }
}
