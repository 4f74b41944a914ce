package org.consentledger.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.consentledger.operator.AuditResource;
import org.consentledger.operator.Roles;
import org.consentledger.operator.UsersResource;
import org.consentledger.platform.ProblemException;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Admins only: the audit trail and the accounts page (create, disable/enable, reset password, roles and sites). */
@Path("/console/admin")
public class AdminResource {

    public record AuditRow(String occurredAt, String actor, String action, String siteKey, String target,
            String details, String ip) {
    }

    public record AuditPage(String actor, String action, String site, String from, String to, List<AuditRow> rows,
            String nextUrl, String prevUrl, String firstUrl, List<String> problems, Long total, boolean totalExact,
            List<String> knownActions) {
        public boolean any() {
            return !(actor + action + site + from + to).isEmpty();
        }
    }

    /** Actions the application records, and their families, offered as suggestions for the action filter. */
    static final List<String> KNOWN_ACTIONS = List.of("account.", "account.create", "account.update", "account.disable",
            "account.enable", "account.password-reset", "account.password-change", "account.logout", "config.",
            "config.publish", "config.rollback", "consents.", "consents.export", "consents.query-visitor", "dsr.",
            "dsr.erase", "dsr.export", "dsr.list", "dsr.lookup", "dsr.reject", "dsr.request", "dsr.view", "monitor.",
            "site.", "site.create", "site.update", "token.", "token.denied", "token.issued");

    public record AccountRow(String username, String roles, String sites, boolean enabled, boolean admin,
            boolean operator, boolean auditor) {
    }

    public record AccountsPage(List<AccountRow> accounts, String error, String notice, String generatedFor,
            String generatedPassword) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance audit(AuditPage page);

        static native TemplateInstance accounts(AccountsPage page);
    }

    @Inject
    ConsoleSession session;
    @Inject
    AuditResource auditApi;
    @Inject
    UsersResource usersApi;

    @GET
    @Path("audit")
    @RolesAllowed(Roles.ADMIN)
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance audit(@RestQuery String actor, @RestQuery String action, @RestQuery String site,
            @RestQuery String from, @RestQuery String to, @RestQuery String cursor, @RestQuery String dir) {
        String query = param("actor", actor) + param("action", action) + param("site", site) + param("from", from)
                + param("to", to);
        String base = "/console/admin/audit?" + (query.isEmpty() ? "" : query.substring(1));
        FilterCheck check = new FilterCheck().dates(from, to).actionPrefix(action);
        List<AuditRow> rows = new ArrayList<>();
        String nextUrl = null;
        String prevUrl = null;
        Long total = null;
        boolean exact = true;
        List<String> problems = new ArrayList<>(check.errors());
        if (check.ok()) {
            try {
                Map<String, Object> page = auditApi.query(LogsResource.trim(actor), null, LogsResource.trim(site),
                        LogsResource.iso(check.from()), LogsResource.iso(check.to() == null ? null : check.to().plusDays(1)),
                        LogsResource.blank(cursor), "50", LogsResource.trim(action), "prev".equals(dir) ? "prev" : null,
                        "true");
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
                for (Map<String, Object> m : items) {
                    rows.add(new AuditRow(LogsResource.str(m.get("occurredAt")).replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"),
                            LogsResource.str(m.get("actor")), LogsResource.str(m.get("action")),
                            LogsResource.str(m.get("siteKey")), LogsResource.str(m.get("target")),
                            LogsResource.str(m.get("details")), IpDisplay.cidr(LogsResource.str(m.get("ip")))));
                }
                Object next = page.get("nextCursor");
                Object prev = page.get("prevCursor");
                String sep = query.isEmpty() ? "" : "&";
                nextUrl = next == null ? null : base + sep + "cursor=" + next;
                prevUrl = prev == null ? null : base + sep + "cursor=" + prev + "&dir=prev";
                total = page.get("total") instanceof Number n ? n.longValue() : null;
                exact = !Boolean.FALSE.equals(page.get("totalExact"));
            } catch (ProblemException e) {
                if (e.problem().status() != 400) {
                    throw e;
                }
                problems.add("err_bad_cursor");
            }
        }
        return Templates.audit(new AuditPage(nz(actor), nz(action), nz(site), nz(from), nz(to), rows, nextUrl, prevUrl,
                cursor == null ? null : base, problems, total, exact, KNOWN_ACTIONS)).setLocale(session.locale());
    }

    @GET
    @Path("accounts")
    @RolesAllowed(Roles.ADMIN)
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance accounts(@RestQuery String notice) {
        return accountsPage(null, notice, null, null);
    }

    @POST
    @Path("accounts/create")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response create(@RestForm String username, @RestForm String password, @RestForm List<String> roles,
            @RestForm String sites) {
        try {
            usersApi.create(new UsersResource.NewUser(username, password, new LinkedHashSet<>(roles == null ? List.of() : roles),
                    new LinkedHashSet<>(SitesResource.lines(sites))));
            return SitesResource.seeOther("/console/admin/accounts?notice=created");
        } catch (ProblemException e) {
            return error(e);
        }
    }

    @POST
    @Path("accounts/update")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response update(@RestForm String username, @RestForm String op, @RestForm List<String> roles,
            @RestForm String sites) {
        try {
            switch (op == null ? "" : op) {
                case "disable" -> usersApi.disable(username);
                case "enable" -> usersApi.enable(username);
                case "roles" -> usersApi.updateRoles(username, new UsersResource.RolesUpdate(
                        new LinkedHashSet<>(roles == null ? List.of() : roles), new LinkedHashSet<>(SitesResource.lines(sites))));
                case "password" -> {
                    Map<String, Object> result = usersApi.resetPassword(username, new UsersResource.PasswordReset(null));
                    return Response.ok(accountsPage(null, "password", username, String.valueOf(result.get("password"))))
                            .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).header("Cache-Control", "no-store").build();
                }
                default -> throw ProblemException.badRequest("unknown operation");
            }
            return SitesResource.seeOther("/console/admin/accounts?notice=" + op);
        } catch (ProblemException e) {
            return error(e);
        }
    }

    private Response error(ProblemException e) {
        if (e.problem().status() >= 500) {
            throw e;
        }
        StringBuilder text = new StringBuilder(e.problem().detail() == null ? e.problem().title() : e.problem().detail());
        if (e.problem().errors() != null) {
            e.problem().errors().forEach(f -> text.append(" · ").append(f.field()).append(": ").append(f.message()));
        }
        return Response.status(e.problem().status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(accountsPage(text.toString(), null, null, null)).build();
    }

    private TemplateInstance accountsPage(String error, String notice, String generatedFor, String generatedPassword) {
        List<AccountRow> rows = new ArrayList<>();
        for (UsersResource.UserView u : usersApi.list()) {
            Set<String> r = u.roles();
            rows.add(new AccountRow(u.username(), String.join(", ", r), String.join("\n", u.sites()), u.enabled(),
                    r.contains(Roles.ADMIN), r.contains(Roles.OPERATOR), r.contains(Roles.AUDITOR)));
        }
        return Templates.accounts(new AccountsPage(rows, error, notice, generatedFor, generatedPassword))
                .setLocale(session.locale());
    }

    private static String param(String name, String value) {
        return value == null || value.isBlank() ? "" : "&" + name + "=" + SitesResource.enc(value);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
