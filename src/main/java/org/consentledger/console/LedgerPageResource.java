package org.consentledger.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.consentledger.ledger.LedgerService;
import org.consentledger.ledger.VerificationService;
import org.consentledger.operator.Roles;
import org.consentledger.operator.SiteAccess;
import org.consentledger.operator.SitesAdminResource;
import org.consentledger.platform.ProblemException;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** The site's ledger: latest signed checkpoint, and verification with progress (server-sent events) in plain words. */
@Path("/console/ledger")
@Blocking
public class LedgerPageResource {

    /** Parsed head of the checkpoint note (C2SP signed-note checkpoint: origin, tree size, root hash). */
    public record Checkpoint(String origin, String treeSize, String rootHash, String note) {
        static Checkpoint parse(String note) {
            String[] lines = note.split("\n");
            return new Checkpoint(lines.length > 0 ? lines[0] : "", lines.length > 1 ? lines[1] : "",
                    lines.length > 2 ? lines[2] : "", note);
        }
    }

    /** A verification result for people. */
    public record Outcome(boolean ok, String text, String technical) {
    }

    public record LedgerPage(String siteKey, String siteName, Checkpoint checkpoint, Outcome outcome) {
    }

    /** One server-sent event: progress ({@code done}/{@code total}) or the result ({@code ok}, {@code text}). */
    public record VerifyEvent(String type, long done, long total, Boolean ok, String text) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance ledger(LedgerPage page);
    }

    @Inject
    ConsoleSession session;
    @Inject
    SiteAccess access;
    @Inject
    SitesAdminResource sitesApi;
    @Inject
    LedgerService ledger;
    @Inject
    VerificationService verifier;

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR })
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@RestQuery String site, @RestQuery boolean verify) {
        SitesAdminResource.SiteView view = sitesApi.get(SitesResource.required(site));
        Outcome outcome = verify ? outcome(verifier.verify(site, null), messages()) : null;
        return Templates.ledger(new LedgerPage(site, view.name(), Checkpoint.parse(ledger.checkpoint(site)), outcome))
                .setLocale(session.locale());
    }

    @GET
    @Path("verify")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR })
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<VerifyEvent> verify(@RestQuery String site) {
        access.requireRead(SitesResource.required(site));
        ConsoleMessages msg = messages();
        return Multi.createFrom().<VerifyEvent> emitter(emitter -> {
            long[] lastSent = { 0 };
            try {
                VerificationService.Result result = verifier.verify(site, (done, total) -> {
                    long now = System.nanoTime();
                    if (now - lastSent[0] > 150_000_000L) {
                        lastSent[0] = now;
                        emitter.emit(new VerifyEvent("progress", done, total, null, null));
                    }
                });
                Outcome outcome = outcome(result, msg);
                emitter.emit(new VerifyEvent("done", result.treeSize(), result.treeSize(), outcome.ok(), outcome.text()));
                emitter.complete();
            } catch (ProblemException e) {
                emitter.emit(new VerifyEvent("done", 0, 0, false, e.problem().detail()));
                emitter.complete();
            } catch (RuntimeException e) {
                emitter.emit(new VerifyEvent("done", 0, 0, false, msg.ledger_error()));
                emitter.complete();
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    static Outcome outcome(VerificationService.Result r, ConsoleMessages msg) {
        if (r.ok()) {
            return new Outcome(true, msg.ledger_ok(r.treeSize(), r.leavesVerified(), r.purgedBelow(), r.checkpointsVerified()),
                    r.summary());
        }
        String where = r.firstBadLeaf() != null ? msg.ledger_bad_leaf(r.firstBadLeaf())
                : r.badCheckpointSize() != null ? msg.ledger_bad_checkpoint(r.badCheckpointSize()) : "";
        return new Outcome(false, msg.ledger_failed(where, r.reason() == null ? "" : r.reason()), r.summary());
    }

    private ConsoleMessages messages() {
        return MessageBundles.get(ConsoleMessages.class, Localized.Literal.of(session.lang()));
    }
}
