package org.consentledger.ledger;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.consentledger.platform.ProblemException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Public ledger endpoints: verifier keys, latest checkpoint, consistency proofs. */
@Path("/api/v1/ledger")
public class LedgerResource {

    @Inject
    LedgerService ledger;
    @Inject
    LedgerKeys keys;

    @GET
    @Path("keys")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> keys() {
        List<String> all = keys.verifierKeys();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("current", keys.signer().vkey());
        out.put("keys", all);
        return out;
    }

    @GET
    @Path("keys")
    @Produces(MediaType.TEXT_PLAIN)
    public String keysText() {
        return String.join("\n", keys.verifierKeys()) + "\n";
    }

    @GET
    @Path("{siteKey}/checkpoint")
    @Produces("text/plain; charset=utf-8")
    public Response checkpoint(@PathParam("siteKey") String siteKey) {
        return Response.ok(ledger.checkpoint(siteKey)).header("Cache-Control", "no-cache").build();
    }

    @GET
    @Path("{siteKey}/consistency")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> consistency(@PathParam("siteKey") String siteKey,
                                           @QueryParam("from") String from, @QueryParam("to") String to) {
        return ledger.consistency(siteKey, size("from", from), size("to", to));
    }

    static long size(String name, String value) {
        if (value == null || !value.matches("0|[1-9][0-9]{0,17}")) {
            throw ProblemException.invalidField(name, "must be a tree size (non-negative integer)");
        }
        return Long.parseLong(value);
    }
}
