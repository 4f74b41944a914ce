package org.consentledger.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.consentledger.config.BannerCache;
import org.consentledger.config.ConfigService;
import org.consentledger.config.ConfigValidator;
import org.consentledger.config.ConfigVersion;
import org.consentledger.config.LanguageResolver;
import org.consentledger.operator.ConfigDiff;
import org.consentledger.operator.ConfigsAdminResource;
import org.consentledger.operator.Roles;
import org.consentledger.operator.SiteAccess;
import org.consentledger.operator.SitesAdminResource;
import org.consentledger.operator.StatsService;
import org.consentledger.platform.Problem;
import org.consentledger.platform.ProblemException;
import org.consentledger.site.SiteService;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Sites overview, site page (versions, diff, settings, embed snippet), banner editor with live preview, publish. */
@Path("/console")
public class SitesResource {

    static final String ALL_ROLES_NOTE = "admin, operator, auditor";
    static final int SPARK_DAYS = 30;
    static final java.util.Set<String> SETTINGS_FIELDS = java.util.Set.of("allowedOrigins", "retentionDays", "cookie.name",
            "cookie.maxAgeDays", "cookie.domain");

    /** A row of the overview: opt-in per optional category over the chosen range. */
    public record SiteRow(String siteKey, String name, Integer version, List<OptInSummary.CategoryOptIn> optIns) {
    }

    /** The overview: sites and the date range their numbers cover. */
    public record Overview(List<SiteRow> sites, DateRange range, String fromText, String toText, String fromValue,
            String toValue) {
        public boolean empty() {
            return sites.isEmpty();
        }
    }

    /** A version in the list. */
    public record VersionRow(int version, String hash, String publishedAt, String publishedBy) {
        public String shortHash() {
            return hash.length() > 16 ? hash.substring(0, 16) : hash;
        }
    }

    /** One section of a diff, as lines to show. */
    public record DiffSection(String name, List<String> added, List<String> removed, List<String> changed) {
        public boolean empty() {
            return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
        }
    }

    public record DiffView(int from, int to, List<DiffSection> sections, List<String> otherChanged,
            boolean reconsentRequired, List<String> reasons) {
        public String reasonsText() {
            return String.join(", ", reasons);
        }

        public String otherText() {
            return otherChanged == null ? "" : String.join(", ", otherChanged);
        }
    }

    /** The settings form's values. */
    public record Settings(String origins, String retentionDays, String cookieName, String cookieMaxAgeDays,
            String cookieDomain) {
    }

    /** Embed snippet of the cookie declaration in one language. */
    public record Embed(String lang, String snippet, String link) {
    }

    public record SitePage(String siteKey, String name, VersionRow published, List<VersionRow> versions,
            DiffView diff, Settings settings, Map<String, String> errors, String notice, List<Embed> embeds) {
    }

    /** An open draft offered again when the editor is opened without one. */
    public record OpenDraft(String id, String when, String who) {
    }

    /**
     * The structured editor: {@code view} is the form (null when the posted JSON could not be read), {@code focus} the
     * entry to open after an action, {@code problem} a message key suffix of a refused action, {@code formErrors} what
     * was wrong with a tampered form.
     */
    public record EditorPage(String siteKey, String name, String draftId, String json, EditorModel.View view,
            boolean valid, List<String> languages, int basedOn, String focus, String problem, List<String> formErrors,
            OpenDraft openDraft, String notice, String jsonError) {
        public int nextVersion() {
            return basedOn + 1;
        }
    }

    /**
     * The review before publishing a draft or rolling back: every change as old → new, whether visitors are asked again
     * and why. {@code rollbackTo} is set for a rollback, {@code draftId} for a draft.
     */
    public record ReviewPage(String siteKey, String name, String draftId, Integer rollbackTo, int current, int next,
            List<ReviewChanges.Row> changes, boolean reconsentRequired, List<String> reasons, boolean missingConfirm) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance sites(Overview overview);

        static native TemplateInstance site(SitePage page);

        static native TemplateInstance editor(EditorPage page);

        static native TemplateInstance preview(String siteKey, String draftId, String lang);

        static native TemplateInstance review(ReviewPage page);
    }

    @Inject
    BannerCache bannerCache;

    @Inject
    ConsoleSession session;
    @Inject
    SiteAccess access;
    @Inject
    SitesAdminResource sitesApi;
    @Inject
    ConfigsAdminResource configsApi;
    @Inject
    ConfigService configs;
    @Inject
    SiteService siteService;
    @Inject
    StatsService stats;
    @Inject
    DraftService drafts;
    @Inject
    ObjectMapper mapper;
    @Inject
    org.consentledger.platform.PublicUrl publicUrl;

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR })
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance overview(@RestQuery String from, @RestQuery String to, @RestQuery Integer days) {
        DateRange range = DateRange.of(from, to, days, LocalDate.now(ZoneOffset.UTC));
        java.util.Locale locale = session.locale();
        List<SiteRow> rows = new ArrayList<>();
        for (SitesAdminResource.SiteView site : sitesApi.list()) {
            long siteId = access.requireRead(site.siteKey()).id();
            List<ConfigVersion> versions = configs.list(site.siteKey());
            CategoryTitles titles = LogsResource.categories(configs, mapper, site.siteKey(), session.lang());
            rows.add(new SiteRow(site.siteKey(), site.name(), versions.isEmpty() ? null : versions.get(0).version(),
                    OptInSummary.of(stats.stats(siteId, range.from(), range.to()), titles, range.from(), range.to(),
                            locale, 120, 28)));
        }
        return Templates.sites(new Overview(rows, range, range.fromText(locale), range.toText(locale),
                range.from().toString(), range.to().toString())).setLocale(locale);
    }

    /** Opt-in rate per day over the optional categories (accepted / (accepted + rejected)); null for days without data. */
    static List<Double> dailyOptInRates(List<StatsService.DayCategory> days, LocalDate from, LocalDate to) {
        Map<LocalDate, long[]> perDay = new TreeMap<>();
        for (StatsService.DayCategory d : days) {
            if ("essential".equals(d.category())) {
                continue;
            }
            long[] counts = perDay.computeIfAbsent(d.day(), k -> new long[2]);
            counts[0] += d.accepted();
            counts[1] += d.rejected();
        }
        List<Double> rates = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            long[] c = perDay.get(day);
            rates.add(c == null || c[0] + c[1] == 0 ? null : (double) c[0] / (c[0] + c[1]));
        }
        return rates;
    }

    @GET
    @Path("site")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR })
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance site(@RestQuery String site, @RestQuery("from") String fromParam,
            @RestQuery("to") String toParam, @RestQuery String notice) {
        Integer from = number("from", fromParam);
        Integer to = number("to", toParam);
        return Templates.site(sitePage(site, from, to, null, Map.of(), notice)).setLocale(session.locale());
    }

    private SitePage sitePage(String siteKey, Integer from, Integer to, Settings submitted, Map<String, String> errors,
            String notice) {
        SitesAdminResource.SiteView view = sitesApi.get(required(siteKey));
        List<ConfigVersion> versions = configs.list(siteKey);
        List<VersionRow> rows = versions.stream().map(SitesResource::row).toList();
        DiffView diff = null;
        if (from != null && to != null) {
            ConfigVersion a = version(siteKey, from);
            ConfigVersion b = version(siteKey, to);
            ConfigDiff.Result r = ConfigDiff.diff(parse(a.content()), parse(b.content()));
            diff = new DiffView(from, to, List.of(section("categories", r.categories()), section("services", r.services()),
                    section("cookies", r.cookies()), section("texts", r.texts())), r.otherChanged(), r.reconsentRequired(),
                    r.reasons());
        }
        Settings settings = submitted;
        if (settings == null) {
            JsonNode cookie = versions.isEmpty() ? mapper.createObjectNode() : parse(versions.get(0).content()).path("cookie");
            settings = new Settings(String.join("\n", view.allowedOrigins()), Integer.toString(view.retentionDays()),
                    cookie.path("name").asText(""), cookie.path("maxAgeDays").asText(""),
                    cookie.path("domain").isNull() ? "" : cookie.path("domain").asText(""));
        }
        String base = baseUrl();
        List<Embed> embeds = new ArrayList<>();
        for (String lang : List.of("de", "en")) {
            String key = URLEncoder.encode(siteKey, StandardCharsets.UTF_8);
            embeds.add(new Embed(lang, "<div data-consent-ledger-cookie-policy></div><script src=\"" + base + "/sites/" + key
                    + "/cookie-policy.js?lang=" + lang + "\" async></script>", base + "/sites/" + key + "/cookie-policy?lang=" + lang));
        }
        return new SitePage(siteKey, view.name(), rows.isEmpty() ? null : rows.get(0), rows, diff, settings, errors, notice,
                embeds);
    }

    @POST
    @Path("site/settings")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response saveSettings(@RestForm String site, @RestForm String origins, @RestForm String retentionDays,
            @RestForm String cookieName, @RestForm String cookieMaxAgeDays, @RestForm String cookieDomain) {
        access.requireWrite(required(site));
        Settings submitted = new Settings(origins, retentionDays, cookieName, cookieMaxAgeDays, cookieDomain);
        Map<String, String> errors = new LinkedHashMap<>();
        Integer retention = null;
        try {
            retention = Integer.valueOf(retentionDays == null ? "" : retentionDays.strip());
        } catch (NumberFormatException e) {
            errors.put("retentionDays", FieldErrorText.of(new Problem.FieldError("retentionDays", "must be a whole number of days",
                    "whole_days", List.of()), session.locale()));
        }
        ObjectNode cookie = null;
        List<ConfigVersion> versions = configs.list(site);
        if (!versions.isEmpty()) {
            JsonNode current = parse(versions.get(0).content()).path("cookie");
            ObjectNode wanted = mapper.createObjectNode();
            wanted.put("name", cookieName == null ? "" : cookieName.strip());
            try {
                wanted.put("maxAgeDays", Integer.parseInt(cookieMaxAgeDays == null ? "" : cookieMaxAgeDays.strip()));
            } catch (NumberFormatException e) {
                errors.put("cookie.maxAgeDays", FieldErrorText.of(new Problem.FieldError("cookie.maxAgeDays",
                        "must be a whole number of days", "whole_days", List.of()), session.locale()));
            }
            if (cookieDomain == null || cookieDomain.isBlank()) {
                wanted.putNull("domain");
            } else {
                wanted.put("domain", cookieDomain.strip());
            }
            if (!wanted.equals(current)) {
                cookie = wanted;
            }
        }
        if (errors.isEmpty()) {
            List<String> originList = lines(origins);
            try {
                Map<String, Object> result = sitesApi.update(site, new SitesAdminResource.SiteUpdate(originList, retention, cookie));
                Object published = result.get("configVersion");
                return seeOther("/console/site?site=" + enc(site) + "&notice=" + (published != null ? "saved-published" : "saved"));
            } catch (ProblemException e) {
                fieldErrors(e.problem(), session.locale()).forEach((field, message) -> {
                    String key = field.replaceAll("\\[\\d+]", "");
                    errors.merge(SETTINGS_FIELDS.contains(key) ? key : "form", message, (a, b) -> a + "; " + b);
                });
            }
        }
        return Response.status(422).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.site(sitePage(site, null, null, submitted, errors, null)).setLocale(session.locale()))
                .build();
    }

    @GET
    @Path("editor")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance editor(@RestQuery String site, @RestQuery String draft, @RestQuery String check,
            @RestQuery String focus, @RestQuery String problem, @RestQuery String notice) {
        SiteAccess.SiteRef ref = access.requireWrite(required(site));
        List<ConfigVersion> versions = configs.list(site);
        int basedOn = versions.isEmpty() ? 0 : versions.get(0).version();
        ObjectNode content;
        String draftId = null;
        OpenDraft open = null;
        if (draft != null) {
            DraftService.Draft d = drafts.find(draft, ref.id())
                    .orElseThrow(() -> ProblemException.notFound("No draft " + draft + " (it was published or discarded)"));
            content = d.content();
            draftId = d.id();
        } else {
            content = versions.isEmpty() ? mapper.createObjectNode() : (ObjectNode) parse(versions.get(0).content());
            open = drafts.latest(ref.id()).map(d -> new OpenDraft(d.id(), when(d.updatedAt()), d.createdBy())).orElse(null);
        }
        List<Problem.FieldError> problems = draftId == null ? List.of() : ConfigValidator.validate(content);
        String focusEntry = EditorModel.openEntry(focus);
        String problemKey = problem != null && java.util.Set.of("language-invalid", "language-exists", "language-last")
                .contains(problem) ? "problem_" + problem.replace('-', '_') : null;
        return Templates.editor(editorPage(site, draftId, pretty(content), content, problems, "1".equals(check), basedOn,
                focusEntry, problemKey, List.of(), open, "discarded".equals(notice) ? notice : null, null))
                .setLocale(session.locale());
    }

    private static String when(java.time.Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString().replace('T', ' ').replace("Z", " UTC");
    }

    private EditorPage editorPage(String siteKey, String draftId, String json, ObjectNode content,
            List<Problem.FieldError> problems, boolean showAll, int basedOn, String focus, String problem,
            List<String> formErrors, OpenDraft open, String notice, String jsonError) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Problem.FieldError e : problems) {
            String path = e.field().startsWith("$.") ? e.field().substring(2) : e.field();
            errors.merge(path, FieldErrorText.of(e, session.locale()), (x, y) -> x + " " + y);
        }
        EditorModel.View view = content == null ? null : EditorModel.view(content, errors, showAll, session.locale());
        List<String> languages = content == null ? new ArrayList<>() : EditorModel.languages(content);
        if (languages.isEmpty()) {
            languages.add("en");
        }
        String name = siteService.require(siteKey).name;
        return new EditorPage(siteKey, name, draftId, json, view, draftId != null && problems.isEmpty(), languages, basedOn,
                focus, problem, formErrors, open, notice, jsonError);
    }

    /**
     * Saves the edited configuration as a draft (from the structured form or the JSON view) and shows it again. A
     * button of the form may ask for an action besides saving (add, remove or move an entry, add or remove a language).
     * Works without JavaScript; a form that was tampered with (unknown fields, huge indices) shows the editor with the
     * problem and saves nothing.
     */
    @POST
    @Path("editor")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response saveDraft(@RestForm String site, @RestForm String json, @RestForm String draft,
            @RestForm String action, @RestForm String newLanguage) {
        SiteAccess.SiteRef ref = access.requireWrite(required(site));
        List<ConfigVersion> versions = configs.list(site);
        int basedOn = versions.isEmpty() ? 0 : versions.get(0).version();
        String draftId = drafts.find(draft, ref.id()).map(DraftService.Draft::id).orElse(null);
        JsonNode parsed;
        try {
            parsed = mapper.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            parsed = null;
        }
        if (parsed == null || !parsed.isObject()) {
            return unprocessable(editorPage(site, draftId, json == null ? "" : json, null, List.of(), true, basedOn, null,
                    null, List.of(), null, null, "not a JSON object"));
        }
        ObjectNode base = (ObjectNode) parsed;
        Map<String, List<String>> form = postedForm();
        List<String> formErrors = new ArrayList<>();
        if (!EditorModel.isAction(action)) {
            formErrors.add(abbreviate("action=" + action) + ": no such button");
        }
        EditorModel.Applied applied = EditorModel.apply(base, form);
        applied.unknownFields().stream().limit(5).forEach(f -> formErrors.add(abbreviate(f) + ": no such field"));
        if (!formErrors.isEmpty()) {
            // a hand-made or tampered form: nothing is saved, the editor shows what was wrong
            return unprocessable(editorPage(site, draftId, pretty(base), base, List.of(), false, basedOn, null, null,
                    formErrors, null, null, null));
        }
        EditorModel.Acted acted = EditorModel.act(applied.content(), action, newLanguage);
        String id = drafts.save(ref.id(), draftId, acted.content(), access.actor());
        // the draft id comes last (before a fragment): scripts and tests read it from the end of the address
        StringBuilder location = new StringBuilder("/console/editor?site=" + enc(site));
        if (action == null || "save".equals(action)) {
            location.append("&check=1");
        }
        if (acted.problem() != null) {
            location.append("&problem=").append(acted.problem());
        }
        if (acted.focus() != null) {
            location.append("&focus=").append(enc(acted.focus()));
        }
        location.append("&draft=").append(id);
        if (acted.focus() != null) {
            location.append('#').append(EditorModel.anchor(acted.focus()));
        }
        return seeOther(location.toString());
    }

    private Response unprocessable(EditorPage page) {
        return Response.status(422).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.editor(page).setLocale(session.locale())).build();
    }

    /** Every field of the posted form, in order (the REST layer has read the body already, for the @RestForm fields). */
    private static Map<String, List<String>> postedForm() {
        Map<String, List<String>> form = new LinkedHashMap<>();
        org.jboss.resteasy.reactive.server.core.multipart.FormData data =
                org.jboss.resteasy.reactive.server.core.CurrentRequestManager.get().getFormData();
        if (data != null) {
            for (String name : data) {
                List<String> values = new ArrayList<>();
                data.get(name).forEach(v -> values.add(v.isFileItem() ? "" : v.getValue()));
                form.put(name, values);
            }
        }
        return form;
    }

    /** Discards a draft (the published configuration stays as it is). */
    @POST
    @Path("editor/discard")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response discardDraft(@RestForm String site, @RestForm String draft) {
        SiteAccess.SiteRef ref = access.requireWrite(required(site));
        if (!drafts.discard(draft, ref.id())) {
            throw ProblemException.notFound("No draft " + abbreviate(String.valueOf(draft)));
        }
        return seeOther("/console/editor?site=" + enc(site) + "&notice=discarded");
    }

    @POST
    @Path("editor/publish")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response publish(@RestForm String site, @RestForm String draft, @RestForm String confirm) {
        DraftService.Draft d = writableDraft(site, draft);
        if (!confirmed(confirm)) {
            return confirmationMissing("/console/editor/review?site=" + enc(site) + "&draft=" + d.id());
        }
        try {
            configsApi.publish(site, d.content());
            drafts.discard(d.id(), d.siteId());
        } catch (ProblemException e) {
            if (e.problem().status() == 422) {
                return editorShowingProblems(site, d);
            }
            throw e;
        }
        return seeOther("/console/site?site=" + enc(site) + "&notice=published");
    }

    /** The review of a draft before publishing: changes from the published version, material change, confirmation. */
    @GET
    @Path("editor/review")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Produces(MediaType.TEXT_HTML)
    public Response review(@RestQuery String site, @RestQuery String draft, @RestQuery String confirm) {
        DraftService.Draft d = writableDraft(site, draft);
        if (!ConfigValidator.validate(d.content()).isEmpty()) {
            return editorShowingProblems(site, d);
        }
        List<ConfigVersion> versions = configs.list(site);
        JsonNode current = versions.isEmpty() ? mapper.createObjectNode() : parse(versions.get(0).content());
        int currentVersion = versions.isEmpty() ? 0 : versions.get(0).version();
        return Response.ok(Templates.review(reviewPage(site, d.id(), null, current, d.content(), currentVersion,
                "missing".equals(confirm))).setLocale(session.locale())).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .build();
    }

    /** The review of a rollback: changes from the published version back to an earlier one, then a confirmation. */
    @GET
    @Path("rollback")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance rollbackReview(@RestQuery String site, @RestQuery("version") String versionParam,
            @RestQuery String confirm) {
        access.requireWrite(required(site));
        Integer version = number("version", versionParam);
        if (version == null) {
            throw ProblemException.badRequest("version is required");
        }
        ConfigVersion target = version(site, version);
        ConfigVersion latest = configs.list(site).get(0);
        return Templates.review(reviewPage(site, null, version, parse(latest.content()), parse(target.content()),
                latest.version(), "missing".equals(confirm))).setLocale(session.locale());
    }

    @POST
    @Path("rollback")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response rollback(@RestForm String site, @RestForm("version") String versionParam, @RestForm String confirm) {
        access.requireWrite(required(site));
        Integer version = number("version", versionParam);
        if (version == null) {
            throw ProblemException.badRequest("version is required");
        }
        if (!confirmed(confirm)) {
            return confirmationMissing("/console/rollback?site=" + enc(site) + "&version=" + version);
        }
        configsApi.rollback(site, version);
        return seeOther("/console/site?site=" + enc(site) + "&notice=rolledback");
    }

    /** A draft of a site the signed-in user may change; 404 when there is no such draft (any more). */
    private DraftService.Draft writableDraft(String site, String draft) {
        SiteAccess.SiteRef ref = access.requireWrite(required(site));
        return drafts.find(draft, ref.id())
                .orElseThrow(() -> ProblemException.notFound("No draft " + draft + " (it was published or discarded)"));
    }

    /** The editor on the draft with its problems shown: a draft with problems is neither reviewed nor published. */
    private static Response editorShowingProblems(String site, DraftService.Draft d) {
        return seeOther("/console/editor?site=" + enc(site) + "&draft=" + d.id() + "&check=1");
    }

    private ReviewPage reviewPage(String siteKey, String draftId, Integer rollbackTo, JsonNode current, JsonNode next,
            int currentVersion, boolean missingConfirm) {
        ConfigDiff.Result diff = ConfigDiff.diff(current, next);
        String lang = session.lang();
        List<String> reasons = diff.reasons().stream().map(r -> ReviewChanges.reason(r, current, next, lang)).toList();
        return new ReviewPage(siteKey, siteService.require(siteKey).name, draftId, rollbackTo, currentVersion,
                currentVersion + 1, ReviewChanges.readable(ReviewChanges.between(current, next), current, next, lang),
                diff.reconsentRequired(), reasons, missingConfirm);
    }

    /** A page with the real banner.js whose configuration is the draft (framable by the console only). */
    @GET
    @Path("preview")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance preview(@RestQuery String site, @RestQuery String draft, @RestQuery String lang) {
        SiteAccess.SiteRef ref = access.requireWrite(required(site));
        DraftService.Draft d = drafts.find(draft, ref.id())
                .orElseThrow(() -> ProblemException.notFound("No draft " + draft));
        return Templates.preview(site, d.id(), "de".equals(lang) ? "de" : "en");
    }

    /**
     * The draft in the shape of {@code GET /api/v1/sites/{siteKey}/banner}, for the preview's banner (it fetches
     * {@code data-endpoint + /api/v1/sites/{siteKey}/banner} without credentials: the draft id is the capability). The
     * consent cookie gets a name of its own so the preview never touches a real decision.
     */
    @GET
    @Path("preview-config/{draft}/api/v1/sites/{siteKey}/banner")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public Response previewConfig(@RestPath String draft, @RestPath String siteKey, @RestQuery String lang) {
        var site = siteService.findByKey(siteKey).orElseThrow(() -> ProblemException.notFound("No draft"));
        DraftService.Draft d = drafts.find(draft, site.id).orElseThrow(() -> ProblemException.notFound("No draft"));
        ObjectNode content = d.content();
        List<String> languages = new ArrayList<>();
        content.path("languages").forEach(l -> languages.add(l.asText()));
        String defaultLanguage = content.path("defaultLanguage").asText(languages.isEmpty() ? "en" : languages.get(0));
        String language = LanguageResolver.choose(lang, null, languages, defaultLanguage);
        List<ConfigVersion> versions = configs.list(siteKey);
        ObjectNode body = mapper.createObjectNode();
        body.put("siteKey", siteKey);
        body.put("version", versions.isEmpty() ? 1 : versions.get(0).version() + 1);
        body.put("configHash", "draft-" + d.id());
        body.put("language", language);
        JsonNode resolved = LanguageResolver.resolve(content, language, languages, defaultLanguage);
        resolved.fields().forEachRemaining(e -> body.set(e.getKey(), e.getValue()));
        body.set("languages", content.path("languages"));
        body.set("texts", bannerCache.texts(language, resolved.path("texts")));
        ObjectNode cookie = body.with("cookie");
        cookie.put("name", "cl_preview_" + d.id().substring(0, 12));
        cookie.putNull("domain");
        return Response.ok(body).header("Cache-Control", "no-store").build();
    }

    static VersionRow row(ConfigVersion v) {
        return new VersionRow(v.version(), v.contentHash(), v.publishedAt().toString().replace('T', ' ').replaceAll("\\.\\d+Z$", " UTC"),
                v.publishedBy() == null ? "" : v.publishedBy());
    }

    private ConfigVersion version(String siteKey, int version) {
        return configs.get(siteKey, version)
                .orElseThrow(() -> ProblemException.notFound("No version " + version + " of site " + siteKey));
    }

    private static DiffSection section(String name, ConfigDiff.Section s) {
        List<String> changed = new ArrayList<>();
        s.changed().forEach((k, fields) -> changed.add(k + " (" + String.join(", ", fields) + ")"));
        return new DiffSection(name, s.added(), s.removed(), changed);
    }

    static Map<String, String> fieldErrors(Problem problem, java.util.Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (problem.errors() != null && !problem.errors().isEmpty()) {
            problem.errors().forEach(e -> errors.merge(e.field(), FieldErrorText.of(e, locale), (a, b) -> a + " " + b));
        } else {
            errors.put("form", ErrorPages.detail(problem, locale));
        }
        return errors;
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored config is not JSON", e);
        }
    }

    private String pretty(JsonNode node) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String baseUrl() {
        return publicUrl.base();
    }

    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String line : text.split("[\\r\\n,]+")) {
                if (!line.isBlank()) {
                    out.add(line.strip());
                }
            }
        }
        return out;
    }

    static String required(String siteKey) {
        if (siteKey == null || siteKey.isBlank()) {
            throw ProblemException.badRequest("site is required");
        }
        return siteKey;
    }

    /** A whole number from a query or form field, or null when absent; 400 naming the field otherwise. */
    static Integer number(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name + " must be a whole number");
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Response seeOther(String location) {
        return Response.seeOther(URI.create(location)).build();
    }

    /** Steps that cannot be undone (publishing, a rollback, an erasure) are taken only with {@code confirm=yes}. */
    static boolean confirmed(String confirm) {
        return "yes".equals(confirm);
    }

    /** Back to the page that asks for the confirmation ({@code askingPage} has a query), saying it was missing. */
    static Response confirmationMissing(String askingPage) {
        return seeOther(askingPage + "&confirm=missing");
    }

    private static String abbreviate(String text) {
        String clean = text.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 80 ? clean.substring(0, 80) + "…" : clean;
    }
}
