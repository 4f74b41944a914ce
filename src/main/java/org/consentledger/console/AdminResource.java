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
            "dsr.erase", "dsr.export", "dsr.list", "dsr.lookup", "dsr.reject", "dsr.request", "dsr.search", "dsr.view", "monitor.",
            "site.", "site.create", "site.update", "token.", "token.denied", "token.issued");

    /** A site offered in the account forms' site picker. */
    public record SiteChoice(String siteKey, String name, boolean checked, boolean missing) {
    }

    public record AccountRow(String username, List<String> roles, List<SiteChoice> sites, boolean enabled, boolean self) {
        public boolean has(String role) {
            return roles.contains(role);
        }
    }

    /** What the create form had when it was refused (never the password), to show it again. */
    public record NewAccountForm(String username, List<String> roles, List<SiteChoice> sites) {
        public boolean has(String role) {
            return roles.contains(role);
        }
    }

    /** A translated problem: message key, and a parameter for the one key that takes one. */
    public record AccountProblem(String key, String detail) {
    }

    public record AccountsPage(List<AccountRow> accounts, List<AccountProblem> problems, String notice,
            String noticeUser, String generatedFor, String generatedPassword, NewAccountForm form, List<String> allRoles,
            String errorFor) {
        public boolean noSites() {
            return form.sites().isEmpty();
        }

        public String noticeKey() {
            return notice == null ? null : "acc_notice_" + notice;
        }

        public String roleKey(String role) {
            return "acc_role_" + role;
        }
    }

    /** The confirmation step of disabling or resetting an account (works without JavaScript). */
    public record ConfirmPage(String username, String op, boolean self) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance audit(AuditPage page);

        static native TemplateInstance accounts(AccountsPage page);

        static native TemplateInstance confirm(ConfirmPage page);
    }

    @Inject
    ConsoleSession session;
    @Inject
    AuditResource auditApi;
    @Inject
    UsersResource usersApi;
    @Inject
    org.consentledger.operator.SitesAdminResource sitesApi;

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
    public TemplateInstance accounts(@RestQuery String notice, @RestQuery String user) {
        String n = notice != null && NOTICES.contains(notice) ? notice : null;
        return accountsPage(List.of(), n, user, null, null, null, null);
    }

    static final List<String> NOTICES = List.of("created", "disable", "enable", "roles");

    @POST
    @Path("accounts/create")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response create(@RestForm String username, @RestForm String password, @RestForm List<String> roles,
            @RestForm List<String> sites) {
        List<String> r = roles == null ? List.of() : roles;
        List<String> s = sites == null ? List.of() : sites;
        try {
            usersApi.create(new UsersResource.NewUser(username, password, new LinkedHashSet<>(r), new LinkedHashSet<>(s)));
            return SitesResource.seeOther("/console/admin/accounts?notice=created&user=" + SitesResource.enc(username));
        } catch (ProblemException e) {
            return error(e, new NewAccountForm(username == null ? "" : username, r, siteChoices(s)), null);
        }
    }

    /** Disabling and password resets ask first: without {@code confirm=yes} nothing changes and the question is shown. */
    @GET
    @Path("accounts/confirm")
    @RolesAllowed(Roles.ADMIN)
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance confirm(@RestQuery String username, @RestQuery String op) {
        if (!"disable".equals(op) && !"password".equals(op)) {
            throw ProblemException.badRequest("op must be disable or password");
        }
        usersApi.get(username == null ? "" : username);
        return Templates.confirm(new ConfirmPage(username, op, username.equals(session.user()))).setLocale(session.locale());
    }

    @POST
    @Path("accounts/update")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response update(@RestForm String username, @RestForm String op, @RestForm List<String> roles,
            @RestForm List<String> sites, @RestForm String confirm) {
        List<String> r = roles == null ? List.of() : roles;
        List<String> s = sites == null ? List.of() : sites;
        try {
            if (("disable".equals(op) || "password".equals(op)) && !"yes".equals(confirm)) {
                usersApi.get(username == null ? "" : username);
                return Response.status(409).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                        .entity(Templates.confirm(new ConfirmPage(username, op, username.equals(session.user())))
                                .setLocale(session.locale()))
                        .build();
            }
            switch (op == null ? "" : op) {
                case "disable" -> usersApi.disable(username);
                case "enable" -> usersApi.enable(username);
                case "roles" -> usersApi.updateRoles(username, new UsersResource.RolesUpdate(new LinkedHashSet<>(r),
                        new LinkedHashSet<>(s)));
                case "password" -> {
                    Map<String, Object> result = usersApi.resetPassword(username, new UsersResource.PasswordReset(null));
                    return Response.ok(accountsPage(List.of(), null, null, username, String.valueOf(result.get("password")),
                            null, null)).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                            .header("Cache-Control", "no-store").build();
                }
                default -> throw ProblemException.badRequest("unknown operation");
            }
            if ("disable".equals(op) && username.equals(session.user())) {
                // the own session ended with the account: the next page would be the sign-in anyway
                return SitesResource.seeOther("/console/login");
            }
            return SitesResource.seeOther("/console/admin/accounts?notice=" + op + "&user=" + SitesResource.enc(username));
        } catch (ProblemException e) {
            return error(e, null, username);
        }
    }

    private Response error(ProblemException e, NewAccountForm form, String errorFor) {
        if (e.problem().status() >= 500) {
            throw e;
        }
        return Response.status(e.problem().status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(accountsPage(problems(e), null, null, null, null, form, errorFor)).build();
    }

    /** The API's refusal as message keys of the page language (the API's English texts are for API clients). */
    static List<AccountProblem> problems(ProblemException e) {
        List<AccountProblem> out = new ArrayList<>();
        if (e.problem().status() == 409) {
            out.add(new AccountProblem("err_username_taken", null));
        } else if (e.problem().status() == 404) {
            out.add(new AccountProblem("err_no_account", null));
        } else if (e.problem().errors() != null && !e.problem().errors().isEmpty()) {
            e.problem().errors().forEach(f -> out.add(switch (f.field()) {
                case "username" -> new AccountProblem("err_username", null);
                case "password" -> new AccountProblem(f.message().contains("common") ? "err_password_common"
                        : "err_password_length", null);
                case "roles" -> new AccountProblem("err_roles", null);
                case "sites" -> new AccountProblem(f.message().startsWith("no such site") ? "err_sites_unknown"
                        : f.message().contains("at least one") ? "err_sites_needed" : "err_sites_unknown", null);
                default -> new AccountProblem("err_account_other", f.field());
            }));
        } else {
            out.add(new AccountProblem("err_account_other", e.problem().detail() == null ? e.problem().title()
                    : e.problem().detail()));
        }
        return out;
    }

    private List<SiteChoice> siteChoices(java.util.Collection<String> granted) {
        List<SiteChoice> out = new ArrayList<>();
        Set<String> existing = new java.util.HashSet<>();
        for (org.consentledger.operator.SitesAdminResource.SiteView site : sitesApi.list()) {
            existing.add(site.siteKey());
            out.add(new SiteChoice(site.siteKey(), site.name(), granted.contains(site.siteKey()), false));
        }
        for (String key : granted) {
            if (!existing.contains(key)) {
                out.add(new SiteChoice(key, key, true, true));
            }
        }
        return out;
    }

    private TemplateInstance accountsPage(List<AccountProblem> problems, String notice, String noticeUser,
            String generatedFor, String generatedPassword, NewAccountForm form, String errorFor) {
        List<AccountRow> rows = new ArrayList<>();
        for (UsersResource.UserView u : usersApi.list()) {
            rows.add(new AccountRow(u.username(), List.copyOf(u.roles()), siteChoices(u.sites()), u.enabled(),
                    u.username().equals(session.user())));
        }
        NewAccountForm shown = form != null ? form : new NewAccountForm("", List.of(), siteChoices(List.of()));
        return Templates.accounts(new AccountsPage(rows, problems, notice, noticeUser, generatedFor, generatedPassword,
                shown, List.of(Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR), errorFor)).setLocale(session.locale());
    }

    private static String param(String name, String value) {
        return value == null || value.isBlank() ? "" : "&" + name + "=" + SitesResource.enc(value);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
