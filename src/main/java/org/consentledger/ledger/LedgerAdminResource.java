package org.consentledger.ledger;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.consentledger.platform.ProblemException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Operator verification of a site's log. Until operator authentication exists this endpoint is off
 * unless consent.ledger.verify-endpoint-enabled=true.
 */
@Path("/api/v1/admin/sites/{siteKey}/ledger")
public class LedgerAdminResource {

    @Inject
    VerificationService verifier;
    @Inject
    LedgerConfig config;

    @GET
    @Path("verify")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> verify(@PathParam("siteKey") String siteKey) {
        if (!config.verifyEndpointEnabled()) {
            throw ProblemException.notFound("ledger verification endpoint is disabled (consent.ledger.verify-endpoint-enabled)");
        }
        VerificationService.Result r = verifier.verify(siteKey, null);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("siteKey", r.siteKey());
        out.put("status", r.ok() ? "OK" : "FAILED");
        out.put("treeSize", r.treeSize());
        out.put("leavesVerified", r.leavesVerified());
        out.put("purgedBelow", r.purgedBelow());
        out.put("checkpointsVerified", r.checkpointsVerified());
        out.put("firstBadLeafIndex", r.firstBadLeaf());
        out.put("badCheckpointTreeSize", r.badCheckpointSize());
        out.put("reason", r.reason());
        out.put("summary", r.summary());
        out.put("millis", r.millis());
        return out;
    }
}
