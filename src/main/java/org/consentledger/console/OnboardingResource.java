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
import org.consentledger.config.ConfigService;
import org.consentledger.operator.Roles;
import org.consentledger.operator.SiteAccess;
import org.consentledger.operator.SitesAdminResource;
import org.consentledger.platform.ProblemException;
import org.consentledger.platform.PublicUrl;
import org.consentledger.site.InstallCheck;
import org.consentledger.site.SiteTemplates;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Onboarding: the "Add site" form (admins) and the Install page with the installation check. */
@Path("/console")
public class OnboardingResource {

    /** What the add-site form shows (typed values are kept after an error). */
    public record NewSiteForm(String name, String siteKey, String origins, List<String> languages, String template,
            String copyFrom) {
        public boolean hasLanguage(String lang) {
            return languages != null && languages.contains(lang);
        }
    }

    /** A site that can be copied. */
    public record CopySource(String siteKey, String name) {
    }

    /** An error of the form: which field, which message key, optional origin. */
    public record FieldProblem(String field, String key, String origin) {
    }

    public record NewSitePage(NewSiteForm form, List<CopySource> copySources, List<FieldProblem> problems) {
        public boolean has(String field) {
            return problems.stream().anyMatch(p -> p.field().equals(field));
        }

        public List<FieldProblem> of(String field) {
            return problems.stream().filter(p -> p.field().equals(field)).toList();
        }
    }

    /** One snippet to copy. */
    public record Snippet(String id, String label, String text) {
    }

    /** An origin as seen by the installation check, with its times already formatted for the page's language. */
    public record SeenRow(String origin, String first, String last) {
    }

    public record InstallPage(String siteKey, String name, boolean published, String notice, Snippet tag,
            List<Snippet> footer, List<SitesResource.Embed> embeds, Snippet recipeHtml, Snippet recipeNext,
            Snippet recipeGtm, List<SeenRow> seen, List<SeenRow> refused, List<SiteTemplates.Hint> hints,
            List<String> allowedOrigins) {
        public String allowedText() {
            return String.join(", ", allowedOrigins);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance newSite(NewSitePage page);

        static native TemplateInstance install(InstallPage page);
    }

    @Inject
    ConsoleSession session;
    @Inject
    SiteAccess access;
    @Inject
    SitesAdminResource sitesApi;
    @Inject
    ConfigService configs;
    @Inject
    PublicUrl publicUrl;

    @GET
    @Path("sites/new")
    @RolesAllowed(Roles.ADMIN)
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance newSite() {
        NewSiteForm form = new NewSiteForm("", "", "", List.of("de", "en"), SiteTemplates.STARTER, null);
        return Templates.newSite(new NewSitePage(form, copySources(), List.of())).setLocale(session.locale());
    }

    @POST
    @Path("sites/new")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response createSite(@RestForm String name, @RestForm String siteKey, @RestForm String origins,
            @RestForm List<String> languages, @RestForm String template, @RestForm String copyFrom) {
        String key = siteKey == null || siteKey.isBlank() ? SiteTemplates.suggestKey(name) : siteKey.strip();
        List<String> originList = SitesResource.lines(origins).stream().map(SiteTemplates::tidyOrigin).toList();
        List<String> langs = languages == null ? List.of() : languages.stream().filter(SiteTemplates.LANGUAGES::contains)
                .distinct().toList();
        String tpl = template == null ? SiteTemplates.STARTER : template;
        NewSiteForm form = new NewSiteForm(name == null ? "" : name, key, String.join("\n", originList), langs, tpl, copyFrom);
        List<FieldProblem> problems = new ArrayList<>();
        if (SiteTemplates.STARTER.equals(tpl) && langs.isEmpty()) {
            problems.add(new FieldProblem("languages", "err_languages", null));
        }
        if (!"none".equals(tpl) && originList.isEmpty()) {
            problems.add(new FieldProblem("origins", "err_origins_needed", null));
        }
        if (problems.isEmpty()) {
            try {
                sitesApi.create(new SitesAdminResource.NewSite(key, name == null ? null : name.strip(), originList, null,
                        langs, tpl, SiteTemplates.COPY.equals(tpl) ? copyFrom : null));
                return SitesResource.seeOther("/console/install?site=" + SitesResource.enc(key) + "&notice=created");
            } catch (ProblemException e) {
                problems.addAll(problemsOf(e, originList));
            }
        }
        return Response.status(422).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.newSite(new NewSitePage(form, copySources(), problems)).setLocale(session.locale()))
                .build();
    }

    /** Maps the API's field errors to the form's fields and translated messages. */
    static List<FieldProblem> problemsOf(ProblemException e, List<String> origins) {
        List<FieldProblem> out = new ArrayList<>();
        if (e.problem().status() == 409) {
            out.add(new FieldProblem("siteKey", "err_key_taken", null));
            return out;
        }
        if (e.problem().errors() == null || e.problem().errors().isEmpty()) {
            throw e;
        }
        for (var error : e.problem().errors()) {
            String field = error.field();
            if (field.equals("siteKey")) {
                out.add(new FieldProblem("siteKey", "err_site_key", null));
            } else if (field.equals("name")) {
                out.add(new FieldProblem("name", "err_name", null));
            } else if (field.startsWith("allowedOrigins[")) {
                int i = Integer.parseInt(field.substring("allowedOrigins[".length(), field.length() - 1));
                out.add(new FieldProblem("origins", "err_origin", i < origins.size() ? origins.get(i) : ""));
            } else if (field.equals("allowedOrigins")) {
                out.add(new FieldProblem("origins", origins.size() > 50 ? "err_origins_many" : "err_origins_needed", null));
            } else if (field.startsWith("languages")) {
                out.add(new FieldProblem("languages", "err_languages", null));
            } else if (field.equals("copyFrom")) {
                out.add(new FieldProblem("copyFrom", "err_copy_from", null));
            } else if (field.equals("retentionDays")) {
                out.add(new FieldProblem("form", "err_retention", null));
            } else {
                out.add(new FieldProblem("form", "form_has_errors", null));
            }
        }
        return out;
    }

    private List<CopySource> copySources() {
        List<CopySource> out = new ArrayList<>();
        for (SitesAdminResource.SiteView s : sitesApi.list()) {
            if (!configs.list(s.siteKey()).isEmpty()) {
                out.add(new CopySource(s.siteKey(), s.name()));
            }
        }
        return out;
    }

    @GET
    @Path("install")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR })
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance install(@RestQuery String site, @RestQuery String notice) {
        SitesAdminResource.SiteView view = sitesApi.get(SitesResource.required(site));
        SitesAdminResource.Installation check = sitesApi.installation(site);
        Locale locale = session.locale();
        String base = baseUrl();
        String key = view.siteKey();
        String tag = "<script src=\"" + base + "/banner.js\" data-site=\"" + key + "\" async></script>";
        List<Snippet> footer = new ArrayList<>();
        footer.add(new Snippet("footer-de", "Deutsch", "<a href=\"#consent-settings\" data-consent-settings>Cookie-Einstellungen</a>"));
        footer.add(new Snippet("footer-en", "English", "<a href=\"#consent-settings\" data-consent-settings>Cookie settings</a>"));
        String html = "<!-- analytics: runs only after consent to the category \"analytics\" -->\n"
                + "<script type=\"text/plain\" data-category=\"analytics\" data-service=\"clarity\">\n"
                + "  (function(c,l,a,r,i,t,y){c[a]=c[a]||function(){(c[a].q=c[a].q||[]).push(arguments)};\n"
                + "  t=l.createElement(r);t.async=1;t.src=\"https://www.clarity.ms/tag/\"+i;\n"
                + "  y=l.getElementsByTagName(r)[0];y.parentNode.insertBefore(t,y);})(window,document,\"clarity\",\"script\",\"YOUR_CLARITY_ID\");\n"
                + "</script>";
        String next = "import Script from 'next/script';\n\n"
                + "export default function RootLayout({ children }) {\n"
                + "  return (\n"
                + "    <html>\n"
                + "      <body>\n"
                + "        {children}\n"
                + "        <Script src=\"" + base + "/banner.js\" data-site=\"" + key + "\" strategy=\"afterInteractive\" />\n"
                + "        {/* scripts that need consent: <script type=\"text/plain\" data-category=\"analytics\" …> */}\n"
                + "      </body>\n"
                + "    </html>\n"
                + "  );\n"
                + "}";
        String gtm = "<script>\n"
                + "  window.dataLayer = window.dataLayer || [];\n"
                + "  function gtag(){dataLayer.push(arguments);}\n"
                + "  gtag('consent', 'default', {\n"
                + "    ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied',\n"
                + "    analytics_storage: 'denied', wait_for_update: 500\n"
                + "  });\n"
                + "</script>\n"
                + tag + "\n"
                + "<!-- then the Google Tag Manager snippet (GTM-XXXXXXX) -->";
        List<SitesResource.Embed> embeds = new ArrayList<>();
        for (String lang : List.of("de", "en")) {
            String k = SitesResource.enc(key);
            embeds.add(new SitesResource.Embed(lang, "<div data-consent-ledger-cookie-policy></div><script src=\"" + base
                    + "/sites/" + k + "/cookie-policy.js?lang=" + lang + "\" async></script>",
                    base + "/sites/" + k + "/cookie-policy?lang=" + lang));
        }
        List<SeenRow> seen = check.bannerSeen().stream().map(o -> row(o, locale)).toList();
        List<SeenRow> refused = check.refused().stream().map(o -> row(o, locale)).toList();
        InstallPage page = new InstallPage(key, view.name(), !configs.list(key).isEmpty(), notice,
                new Snippet("banner-tag", "", tag), footer, embeds, new Snippet("recipe-html", "", html),
                new Snippet("recipe-next", "", next), new Snippet("recipe-gtm", "", gtm), seen, refused,
                SiteTemplates.originHints(view.allowedOrigins()), view.allowedOrigins());
        return Templates.install(page).setLocale(locale);
    }

    /** One click to allow an origin the installation check saw refused. */
    @POST
    @Path("install/allow")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response allow(@RestForm String site, @RestForm String origin) {
        access.requireWrite(SitesResource.required(site));
        List<String> origins = new ArrayList<>(sitesApi.get(site).allowedOrigins());
        String tidy = SiteTemplates.tidyOrigin(origin);
        if (!origins.contains(tidy)) {
            origins.add(tidy);
        }
        sitesApi.update(site, new SitesAdminResource.SiteUpdate(origins, null, null));
        return SitesResource.seeOther("/console/install?site=" + SitesResource.enc(site) + "&notice=allowed");
    }

    static SeenRow row(InstallCheck.OriginSeen o, Locale locale) {
        return new SeenRow(o.origin(), when(o.firstSeen(), locale), when(o.lastSeen(), locale));
    }

    /** A moment in the page's language, UTC ("3 December 2026, 14:05 UTC" / "3. Dezember 2026, 14:05 UTC"). */
    static String when(Instant instant, Locale locale) {
        String pattern = "de".equals(locale.getLanguage()) ? "d. MMMM yyyy, HH:mm 'UTC'" : "d MMMM yyyy, HH:mm 'UTC'";
        return DateTimeFormatter.ofPattern(pattern, locale).withZone(ZoneOffset.UTC).format(instant);
    }

    private String baseUrl() {
        return publicUrl.base();
    }
}
