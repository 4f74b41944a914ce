package org.consentledger.banner;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import io.quarkus.test.junit.QuarkusTest;
import org.consentledger.platform.Chromium;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13 items 3 (settings layer), 5, 6, 7, 8 (the demo pages themselves) and 9 (a banner that renders while the
 * page still parses) on the demo pages (per-site script, settings chunk loaded on demand) at desktop
 * (1366x768) and mobile (390x844) size, with screenshots and axe-core on both layers and on the reload notice. Items 2
 * and 4 have their own tests at both sizes (BannerV2Test, KiboxLegitimateInterestTest).
 */
@QuarkusTest
class BannerV2ViewportTest extends BannerBrowserTest {

    static final int[][] SIZES = {{1366, 768}, {390, 844}};

    private Page demo(int[] size, String site, String lang) {
        // the demo pages' strict CSP would block axe-core's inline script; the banner itself needs no exception
        BrowserContext context = context(new Browser.NewContextOptions().setViewportSize(size[0], size[1]).setBypassCSP(true));
        Page page = context.newPage();
        page.navigate(base + "demo/" + site + "?lang=" + lang);
        page.waitForFunction("() => !!window.ConsentLedger");
        page.evaluate("() => ConsentLedger.ready");
        return page;
    }

    private static String name(int[] size) {
        return size[0] + "x" + size[1];
    }

    private void noAxeViolations(Page page, String what) {
        assertTrue(Chromium.axeViolations(page).isEmpty(), what + ": " + Chromium.axeViolations(page));
    }

    /**
     * Items 5 (withdrawal deletes the cookie on three paths, reload notice), 6 (consent id in the settings) and 7
     * (no dead Tab stop, focus back to the page's settings link) on the kommunikationstrainer demo (Clarity).
     */
    @Test
    void withdrawalKeyboardAndConsentIdOnTheClarityDemo() {
        for (int[] size : SIZES) {
            Page page = demo(size, "kommunikationstrainer", "de");
            BrowserContext context = page.context();
            button(page, "Einstellungen").focus();
            page.keyboard().press("Tab");
            Object active = page.evaluate("() => document.activeElement.tagName + ':' + document.activeElement.id");
            assertTrue(!"BODY:".equals(active) && !"DIV:consentledger".equals(active),
                    "Tab after the last banner button reaches page content: " + active);

            button(page, "Alle akzeptieren").click();
            assertEquals("A:Cookie-Einstellungen", page.evaluate(AccessibilityTest.ACTIVE),
                    "after deciding, focus goes to the page's settings link");
            String host = "localhost";
            context.addCookies(List.of(
                    new Cookie("_clck", "p1").setDomain(host).setPath("/demo"),
                    new Cookie("_clck", "p2").setDomain(host).setPath("/demo/"),
                    new Cookie("_clck", "p3").setDomain(host).setPath("/demo/kommunikationstrainer"),
                    new Cookie("_clsk", "x").setDomain(host).setPath("/")));
            assertTrue(context.cookies().stream().filter(c -> c.name.equals("_clck")).count() >= 3, "_clck on three paths");

            page.click("footer >> text=Cookie-Einstellungen");
            page.locator("[role=switch][aria-labelledby=cl-c-analytics]").waitFor();
            assertTrue(dialog(page).innerText().contains("Ihre Einwilligungs-ID: "), "the visitor's consent id is shown");
            noAxeViolations(page, name(size) + " settings after a decision");
            Chromium.screenshot(page, "v2-demo-withdrawal-settings-" + name(size));
            button(page, "Alle ablehnen").click();

            List<String> left = context.cookies().stream().map(c -> c.name + "@" + c.path).collect(Collectors.toList());
            assertTrue(left.stream().noneMatch(c -> c.startsWith("_clck@") || c.startsWith("_clsk@")),
                    "Clarity's cookies gone on every path: " + left);
            assertTrue(left.stream().anyMatch(c -> c.startsWith("ibki_consent@")), "the decision itself stays: " + left);
            assertTrue(page.locator("#consentledger [role=status]").innerText().contains("neu laden"),
                    "a notice offers to reload so that Clarity stops");
            assertEquals("A:Cookie-Einstellungen", page.evaluate(AccessibilityTest.ACTIVE), "focus back on the settings link");
            noAxeViolations(page, name(size) + " reload notice");
            Chromium.screenshot(page, "v2-demo-withdrawal-notice-" + name(size));
        }
    }

    /** The gated stand-in scripts that ran on the page (fake-analytics.js counts them per service). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> runs(Page page) {
        return (Map<String, Object>) page.evaluate("() => Object.assign({}, window.demoServiceRuns || {})");
    }

    private static Locator switchOf(Page page, String labelId) {
        return page.locator("#consentledger [role=switch][aria-labelledby=" + labelId + "]");
    }

    private static String checked(Page page, String labelId) {
        return switchOf(page, labelId).getAttribute("aria-checked");
    }

    /** The cells of the cookie table row of one cookie, in column order (name, purpose, lifetime, type). */
    @SuppressWarnings("unchecked")
    private static List<String> cookieRow(Page page, String cookie) {
        return (List<String>) page.locator("#consentledger tr", new Page.LocatorOptions()
                .setHas(page.locator("td", new Page.LocatorOptions().setHasText(cookie)).first())).first()
                .evaluate("tr => Array.from(tr.cells).map(c => c.textContent)");
    }

    private void openSettings(Page page, String label) {
        button(page, label).click();
        page.locator("#consentledger [role=switch][aria-labelledby=cl-c-essential]").waitFor();
    }

    private boolean storedDecision(BrowserContext context, String cookieName) {
        return context.cookies().stream().anyMatch(c -> c.name.equals(cookieName));
    }

    /**
     * Item 3 on the immmr demo (three consent services under analytics): a switch per service inside its category, the
     * category switch in mixed state, the cookie table per service, the essential service without objection text, the
     * close control that decides nothing, and saving a mixed choice runs exactly the switched-on stand-ins.
     */
    @Test
    void settingsLayerPerServiceSwitchesMixedStateCookieTableAndCloseOnTheImmmrDemo() {
        for (int[] size : SIZES) {
            consentPosts.clear();
            Page page = demo(size, "immmr", "de");
            BrowserContext context = page.context();
            noAxeViolations(page, name(size) + " immmr first layer");
            openSettings(page, "Einstellungen");
            for (String id : List.of("cl-c-analytics", "cl-s-tealium", "cl-s-webtrekk", "cl-s-apteligent",
                    "cl-c-marketing", "cl-s-adjust", "cl-s-dialog360", "cl-c-surveys", "cl-s-surveymonkey")) {
                assertEquals("false", checked(page, id), id + ": nothing pre-ticked");
            }
            assertEquals("true", checked(page, "cl-c-essential"));
            assertEquals("true", switchOf(page, "cl-c-essential").getAttribute("aria-disabled"), "essential cannot be switched off");
            assertEquals(0, page.locator("#consentledger [role=switch][aria-labelledby=cl-s-immmr-web]").count(),
                    "an essential service has no switch of its own");

            switchOf(page, "cl-s-tealium").click();
            assertEquals("true", checked(page, "cl-s-tealium"));
            assertEquals("mixed", checked(page, "cl-c-analytics"), "one of three analytics services on: mixed");
            switchOf(page, "cl-c-analytics").click();
            assertEquals(List.of("true", "true", "true", "true"), List.of(checked(page, "cl-c-analytics"),
                    checked(page, "cl-s-tealium"), checked(page, "cl-s-webtrekk"), checked(page, "cl-s-apteligent")),
                    "the mixed category switch turns all its services on");
            switchOf(page, "cl-c-analytics").click();
            assertEquals(List.of("false", "false", "false", "false"), List.of(checked(page, "cl-c-analytics"),
                    checked(page, "cl-s-tealium"), checked(page, "cl-s-webtrekk"), checked(page, "cl-s-apteligent")),
                    "and off again");
            switchOf(page, "cl-s-tealium").click();
            switchOf(page, "cl-s-webtrekk").click();
            assertEquals("mixed", checked(page, "cl-c-analytics"), "two of three on: mixed");
            assertEquals("false", checked(page, "cl-c-marketing"), "other categories untouched");

            page.locator("#consentledger summary#cl-s-webtrekk").click();
            page.locator("#consentledger summary#cl-s-immmr-web").click();
            List<String> head = (List<String>) page.locator("#consentledger details:has(#cl-s-webtrekk) thead tr")
                    .evaluate("tr => Array.from(tr.cells).map(c => c.textContent)");
            assertEquals(List.of("Cookie", "Zweck", "Laufzeit", "Art"), head, "a table, not a run-on");
            List<String> eid = cookieRow(page, "wt3_eid");
            assertEquals("wt3_eid", eid.get(0));
            assertFalse(eid.get(1).isBlank(), "purpose given: " + eid);
            assertEquals("6 Monate", eid.get(2), "lifetime in words");
            String host = (String) page.evaluate("location.hostname");
            assertEquals("Erstanbieter (" + host + ")", eid.get(3), "first party: the page's own host as the domain");
            assertEquals("Sitzung", cookieRow(page, "wt3_sid").get(2));
            String essential = page.locator("#consentledger details:has(#cl-s-immmr-web)").innerText();
            assertTrue(essential.contains("für den Betrieb der Website erforderlich") && !essential.contains("widersprechen"),
                    "the essential service shows no objection text: " + essential);
            assertEquals(0, page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Widersprechen: immmr web portal")).count());
            noAxeViolations(page, name(size) + " immmr settings, mixed");
            Chromium.screenshot(page, "v2-demo-settings-mixed-immmr-" + name(size));

            button(page, "Schließen").click();
            assertTrue(button(page, "Alle akzeptieren").isVisible(), "closing goes back to the first layer");
            page.waitForTimeout(300);
            assertNull(page.evaluate("() => ConsentLedger.getConsent()"), "closing decides nothing");
            assertTrue(consentPosts.isEmpty(), "closing sends nothing: " + consentPosts.size());
            assertFalse(storedDecision(context, "immmr_consent"), "closing stores no decision");
            assertEquals(Map.of(), runs(page), "no gated stand-in ran");

            openSettings(page, "Einstellungen");
            assertEquals("false", checked(page, "cl-s-tealium"), "the closed layer's choices were not kept");
            switchOf(page, "cl-s-tealium").click();
            switchOf(page, "cl-s-webtrekk").click();
            button(page, "Auswahl speichern").click();
            page.waitForFunction("() => window.demoServiceRuns && demoServiceRuns.tealium === 1 && demoServiceRuns.webtrekk === 1");
            page.waitForTimeout(300);
            assertEquals(Set.of("tealium", "webtrekk"), runs(page).keySet(), "exactly the switched-on services ran");
            assertEquals("läuft", page.locator("#svc-tealium span").textContent());
            assertEquals("läuft nicht", page.locator("#svc-apteligent span").textContent());
            assertEquals("läuft nicht", page.locator("#svc-adjust span").textContent());
            assertTrue(storedDecision(context, "immmr_consent"), "saving stores the decision");
            assertEquals(1, consentPosts.size(), "saving records once");
            Chromium.screenshot(page, "v2-demo-settings-saved-immmr-" + name(size));
        }
    }

    /**
     * Item 3 on the kommunikationstrainer demo (cookie table with an unspecified lifetime, first- and third-party
     * cookies) and on the kibox demo (legitimate interest: the category is on until an objection; one objection makes it
     * mixed; the essential service shows no objection text; closing decides nothing).
     */
    @Test
    void settingsLayerCookieTablesAndObjectionsOnTheClarityAndKiboxDemos() {
        for (int[] size : SIZES) {
            consentPosts.clear();
            Page page = demo(size, "kommunikationstrainer", "de");
            openSettings(page, "Einstellungen");
            assertEquals("false", checked(page, "cl-s-clarity"));
            page.locator("#consentledger summary#cl-s-ibki-app").click();
            page.locator("#consentledger summary#cl-s-clarity").click();
            List<String> token = cookieRow(page, "accessToken");
            assertEquals("nicht angegeben", token.get(2), "a lifetime the config leaves out: " + token);
            assertEquals("180 Tage", cookieRow(page, "ibki_consent").get(2));
            String host = (String) page.evaluate("location.hostname");
            assertEquals(List.of("1 Jahr", "Erstanbieter (" + host + ")"), cookieRow(page, "_clck").subList(2, 4));
            assertEquals(List.of("1 Tag", "Erstanbieter (" + host + ")"), cookieRow(page, "_clsk").subList(2, 4));
            assertEquals(List.of("1 Jahr", "Drittanbieter (clarity.ms)"), cookieRow(page, "CLID").subList(2, 4),
                    "third-party, with its domain");
            String dialogText = dialog(page).innerText();
            assertFalse(dialogText.contains("undefined"), dialogText);
            assertTrue(dialogText.contains("können von dieser Website nicht gelöscht werden"), "the third-party note");
            String essential = page.locator("#consentledger details:has(#cl-s-ibki-app)").innerText();
            assertFalse(essential.contains("widersprechen"), "essential: no objection text: " + essential);
            switchOf(page, "cl-s-clarity").click();
            assertEquals("true", checked(page, "cl-c-analytics"), "its only service on: the category is on");
            noAxeViolations(page, name(size) + " kommunikationstrainer settings");
            Chromium.screenshot(page, "v2-demo-settings-cookies-kommunikationstrainer-" + name(size));
            button(page, "Schließen").click();
            page.waitForTimeout(300);
            assertNull(page.evaluate("() => ConsentLedger.getConsent()"), "closing decides nothing");
            assertEquals(Map.of(), runs(page), "Clarity did not run");
            assertFalse(storedDecision(page.context(), "ibki_consent"));

            Page kibox = demo(size, "kibox", "de");
            openSettings(kibox, "Einstellungen");
            Locator objectAnalytics = button(kibox, "Widersprechen: Vercel Analytics");
            Locator objectSpeed = button(kibox, "Widersprechen: Vercel Speed Insights");
            assertEquals("true", checked(kibox, "cl-c-analytics"), "legitimate interest: on until the visitor objects");
            assertEquals("false", objectAnalytics.getAttribute("aria-pressed"));
            objectAnalytics.click();
            assertEquals("true", objectAnalytics.getAttribute("aria-pressed"));
            assertEquals("false", objectSpeed.getAttribute("aria-pressed"));
            assertEquals("mixed", checked(kibox, "cl-c-analytics"), "one service objected to: mixed");
            kibox.locator("#consentledger summary#cl-s-kibox-site").click();
            kibox.locator("#consentledger summary#cl-s-vercel-analytics").click();
            String site = kibox.locator("#consentledger details:has(#cl-s-kibox-site)").innerText();
            assertTrue(site.contains("erforderlich") && !site.contains("widersprechen"), "essential: no objection text: " + site);
            assertTrue(kibox.locator("#consentledger details:has(#cl-s-vercel-analytics)").innerText().contains("Sie können widersprechen"),
                    "the legitimate-interest service says it can be objected to");
            noAxeViolations(kibox, name(size) + " kibox settings, one objection");
            Chromium.screenshot(kibox, "v2-demo-settings-objection-kibox-" + name(size));
            button(kibox, "Schließen").click();
            kibox.waitForTimeout(300);
            assertNull(kibox.evaluate("() => ConsentLedger.getConsent()"), "closing decides nothing");
            assertEquals(Map.of(), runs(kibox), "no Vercel script ran before a decision");
            assertFalse(storedDecision(kibox.context(), "kibox_consent"));
            assertTrue(consentPosts.isEmpty(), "closing sends nothing");
        }
    }

    /**
     * Every word of a cookie table's cells, checked in the browser: a word whose characters lie on more than one line
     * box was split mid-word. Also any table or the layer's text region wider than its room (horizontal overflow).
     */
    private static final String SPLIT_WORDS_AND_OVERFLOW = """
            d => {
              const problems = [];
              let words = 0;
              const region = d.querySelector('.x');
              if (region.scrollWidth > region.clientWidth) problems.push('the settings text scrolls sideways: ' + region.scrollWidth + ' > ' + region.clientWidth);
              const tables = Array.from(d.querySelectorAll('table'));
              tables.forEach(table => {
                const own = table.getBoundingClientRect(), room = table.parentElement.getBoundingClientRect();
                if (own.right > room.right + 0.5 || own.right > innerWidth) {
                  problems.push('table of ' + table.rows[1].cells[0].textContent + ' overflows: ' + own.right + ' > ' + room.right);
                }
                table.querySelectorAll('th, td').forEach(cell => {
                  const texts = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
                  for (let node; (node = texts.nextNode());) {
                    for (const word of node.data.matchAll(/\\S+/g)) {
                      const range = document.createRange();
                      range.setStart(node, word.index);
                      range.setEnd(node, word.index + word[0].length);
                      const lines = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.top)));
                      words++;
                      if (lines.size !== 1) {
                        problems.push('"' + word[0] + '" on ' + lines.size + ' lines (cell ' + Math.round(cell.getBoundingClientRect().width) + ' px)');
                      }
                    }
                  }
                });
              });
              return {tables: tables.length, words, problems};
            }""";

    /** Role to accessible names of the page's nodes as Chromium exposes them to screen readers (ignored nodes left out). */
    private static Map<String, List<String>> accessibleNamesByRole(Page page) {
        JsonObject tree = page.context().newCDPSession(page).send("Accessibility.getFullAXTree");
        Map<String, List<String>> names = new java.util.HashMap<>();
        for (JsonElement element : tree.getAsJsonArray("nodes")) {
            JsonObject node = element.getAsJsonObject();
            if (node.get("ignored").getAsBoolean() || !node.has("role")) {
                continue;
            }
            String name = node.has("name") ? node.getAsJsonObject("name").get("value").getAsString() : "";
            names.computeIfAbsent(node.getAsJsonObject("role").get("value").getAsString(), r -> new ArrayList<>()).add(name);
        }
        return names;
    }

    /**
     * The cookie tables of every demo site in German and English on a 390x844 phone: no word is broken mid-word (cookie
     * names, purposes, lifetimes, first-/third-party), nothing scrolls sideways, and each is still a table with column
     * headers for screen readers.
     */
    @Test
    @SuppressWarnings("unchecked")
    void cookieTablesBreakNoWordAndFitAPhone() {
        int[] phone = {390, 844};
        Map<String, Integer> tablesPerSite = Map.of("kommunikationstrainer", 2, "immmr", 3, "kibox", 1);
        for (String site : new TreeSet<>(tablesPerSite.keySet())) {
            for (String lang : List.of("de", "en")) {
                Page page = demo(phone, site, lang);
                openSettings(page, "de".equals(lang) ? "Einstellungen" : "Settings");
                page.locator("#consentledger details").evaluateAll("all => all.forEach(d => { d.open = true; })");
                page.locator("#consentledger table").last().scrollIntoViewIfNeeded();
                Chromium.screenshot(page, "v2-demo-cookie-tables-" + site + "-" + lang + "-390x844");
                Map<String, Object> result = (Map<String, Object>) dialog(page).evaluate(SPLIT_WORDS_AND_OVERFLOW);
                String what = site + " " + lang + " at 390x844: ";
                assertEquals(tablesPerSite.get(site), ((Number) result.get("tables")).intValue(), what + "every cookie table open");
                assertTrue(((Number) result.get("words")).intValue() > 0, what + "words checked");
                assertEquals(List.of(), result.get("problems"), what + "no word split, no sideways scrolling");
                Map<String, List<String>> roles = accessibleNamesByRole(page);
                assertEquals(tablesPerSite.get(site), roles.getOrDefault("table", List.of()).size(),
                        what + "still tables for screen readers (Chromium's accessibility tree)");
                List<String> headers = roles.getOrDefault("columnheader", List.of());
                assertEquals(4 * tablesPerSite.get(site), headers.size(), what + "with their column headers: " + headers);
                List<String> cells = roles.getOrDefault("cell", List.of());
                assertFalse(cells.isEmpty(), what + "cells");
                assertTrue(cells.stream().noneMatch(cell -> headers.stream().anyMatch(h -> cell.startsWith(h + ":"))),
                        what + "the column names shown in the cards are not read out twice: " + cells);
            }
        }
    }

    /**
     * Item 8: each seed site gates its own services (nothing runs before the decision, exactly its own after "accept
     * all"), the de/en switch changes page and banner language, the favicon loads, and the start-up log names the
     * port the server really listens on.
     */
    @Test
    void demoPagesGateEachSitesOwnServicesSwitchLanguageAndHaveAFavicon() throws IOException {
        Map<String, Set<String>> own = Map.of(
                "kommunikationstrainer", Set.of("clarity"),
                "immmr", Set.of("tealium", "webtrekk", "apteligent", "adjust", "dialog360", "surveymonkey"),
                "kibox", Set.of("vercel-analytics", "vercel-speed-insights"));
        for (int[] size : SIZES) {
            for (String site : new TreeSet<>(own.keySet())) {
                Page page = demo(size, site, "de");
                List<String> failed = new CopyOnWriteArrayList<>();
                page.onResponse(r -> {
                    if (r.status() >= 400) {
                        failed.add(r.status() + " " + r.url());
                    }
                });
                assertEquals("de", page.getAttribute("html", "lang"));
                Set<String> listed = new TreeSet<>(page.locator("#services li").all().stream()
                        .map(li -> li.getAttribute("id").substring("svc-".length())).toList());
                assertEquals(new TreeSet<>(own.get(site)), listed, site + " lists its own services");
                assertEquals(own.get(site).size(), page.locator("script[type='text/plain'][data-service]").count(),
                        site + ": one gated stand-in per service");
                page.waitForTimeout(300);
                assertEquals(Map.of(), runs(page), site + ": nothing runs before the decision");
                assertEquals(Map.of("status", 200, "type", "image/svg+xml"), page.evaluate("() => fetch(document.querySelector("
                        + "'link[rel=icon]').href).then(r => ({status: r.status, type: r.headers.get('content-type').split(';')[0]}))"),
                        "the favicon loads");
                noAxeViolations(page, name(size) + " " + site + " first layer");
                Chromium.screenshot(page, "v2-demo-page-" + site + "-de-" + name(size));
                button(page, "Alle akzeptieren").click();
                String all = own.get(site).stream().map(id -> "demoServiceRuns['" + id + "'] === 1").collect(Collectors.joining(" && "));
                page.waitForFunction("() => window.demoServiceRuns && " + all);
                page.waitForTimeout(300);
                assertEquals(own.get(site), runs(page).keySet(), site + ": exactly its own services ran, once each");
                for (String id : own.get(site)) {
                    assertEquals("läuft", page.locator("#svc-" + id + " span").textContent(), site + " shows " + id + " running");
                }
                assertTrue(failed.isEmpty(), site + ": no failed request: " + failed);
            }

            Page page = demo(size, "kibox", "de");
            page.click("header nav >> text=English");
            page.waitForURL("**/demo/kibox?lang=en");
            page.waitForFunction("() => !!window.ConsentLedger");
            page.evaluate("() => ConsentLedger.ready");
            assertEquals("en", page.getAttribute("html", "lang"));
            assertEquals("Welcome", page.locator("h1").textContent());
            assertEquals("not running", page.locator("#svc-vercel-analytics span").textContent());
            assertEquals("page", page.getAttribute("header nav a[hreflang=en]", "aria-current"));
            assertTrue(button(page, "Accept all").isVisible() && dialog(page).innerText().contains("Controller: "),
                    "the banner in English: " + dialog(page).innerText());
            assertEquals("en", dialog(page).getAttribute("lang"));
            noAxeViolations(page, name(size) + " kibox first layer, English");
            Chromium.screenshot(page, "v2-demo-page-kibox-en-" + name(size));
            openSettings(page, "Settings");
            assertEquals("false", button(page, "Object: Vercel Analytics").getAttribute("aria-pressed"));
            assertTrue(dialog(page).innerText().contains("Always on"), dialog(page).innerText());
            noAxeViolations(page, name(size) + " kibox settings, English");
            Chromium.screenshot(page, "v2-demo-settings-kibox-en-" + name(size));
            button(page, "Reject all").click();
            page.click("header nav >> text=Deutsch");
            page.waitForURL("**/demo/kibox?lang=de");
            assertEquals("de", page.getAttribute("html", "lang"));
            assertEquals("Willkommen", page.locator("h1").textContent());
        }

        // the start-up log (target/quarkus-test.log in tests) names the port the server really listens on, which is a
        // random one in tests
        Path log = Path.of("target", "quarkus-test.log");
        List<String> expected = new ArrayList<>();
        own.keySet().forEach(site -> expected.add("Loaded demo site " + site + ": try http://localhost:" + base.getPort() + "/demo/" + site));
        long deadline = System.currentTimeMillis() + 30_000;
        String text = "";
        while (System.currentTimeMillis() < deadline) {
            text = Files.exists(log) ? Files.readString(log) : "";
            String current = text;
            if (expected.stream().allMatch(current::contains)) {
                break;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (String line : expected) {
            assertTrue(text.contains(line), "start-up log says '" + line + "'");
        }
    }

    /**
     * Item 9: the per-site script renders while the page is still parsing (a parser-blocking script in the middle of
     * the page is held back 4 s). The host ends up after the page's content, nothing is pushed down (CLS 0, the
     * header stays at the top), and the dialog is in place at once (no slide-in).
     */
    @Test
    void aBannerRenderedWhileThePageParsesPushesNothingDown() {
        String site = sites.newSite();
        String page = base + "item9/" + site;
        String html = "<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Item 9</title>"
                + "<script src=\"/sites/" + site + "/banner.js\" data-site=\"" + site + "\" async></script></head><body>"
                + "<header id=\"top\"><strong>Seite</strong></header><main><h1>Inhalt</h1><p>Erster Absatz.</p>"
                + "<script src=\"/item9/blocking.js\"></script>"
                + "<p style=\"height:2000px\">Langer Absatz.</p><a href=\"#consent-settings\" data-consent-settings>Cookie-Einstellungen</a>"
                + "</main></body></html>";
        String watch = "window.__cls = 0; new PerformanceObserver(l => l.getEntries().forEach(e => { window.__cls += e.value; }))"
                + ".observe({type: 'layout-shift', buffered: true});"
                + " new MutationObserver((r, o) => { const host = document.getElementById('consentledger');"
                + " const d = host && host.shadowRoot && host.shadowRoot.querySelector('[role=dialog]');"
                + " if (d && !window.__shownWhile) { window.__shownWhile = document.readyState; o.disconnect(); } })"
                + ".observe(document, {childList: true, subtree: true});";
        io.restassured.RestAssured.get("/sites/" + site + "/banner.js").then().statusCode(200); // built once, served fast
        for (int[] size : SIZES) {
            BrowserContext context = context(new Browser.NewContextOptions().setViewportSize(size[0], size[1]));
            context.addInitScript(watch);
            context.route(page, route -> route.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
                    .setContentType("text/html; charset=utf-8").setBody(html)));
            context.route("**/item9/blocking.js", route -> {
                try {
                    Thread.sleep(4000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                route.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
                        .setContentType("text/javascript").setBody("window.__blocked = document.readyState;"));
            });
            Page p = context.newPage();
            p.navigate(page);
            p.waitForFunction("() => !!window.ConsentLedger && !!window.__shownWhile");
            p.evaluate("() => ConsentLedger.ready");
            p.waitForTimeout(500);
            assertEquals("loading", p.evaluate("() => window.__shownWhile"),
                    "precondition: the banner was shown while the page still parsed");
            assertEquals(Boolean.TRUE, p.evaluate("() => !!(document.querySelector('main').compareDocumentPosition("
                    + "document.getElementById('consentledger')) & Node.DOCUMENT_POSITION_FOLLOWING)"
                    + " && !document.querySelector('header').contains(document.getElementById('consentledger'))"),
                    "the host comes after the page's content");
            assertEquals(0.0, ((Number) p.evaluate("() => window.__cls")).doubleValue(), "nothing was pushed down");
            assertEquals(Boolean.TRUE, p.evaluate("() => document.getElementById('top').getBoundingClientRect().top + scrollY"
                    + " === parseFloat(getComputedStyle(document.body).marginTop)"), "the header is still at the top of the page");
            assertEquals("none", dialog(p).evaluate("d => getComputedStyle(d).animationName"), "in place at once: no slide-in");
            noAxeViolations(p, name(size) + " item 9 page, first layer");
            Chromium.screenshot(p, "v2-render-while-parsing-" + name(size));
        }
    }

    /** Item 6: the receipt page the settings link to, at both sizes: readable without sideways scrolling, axe 0. */
    @Test
    void theLinkedReceiptPageFitsBothSizes() {
        for (int[] size : SIZES) {
            Page page = demo(size, "kommunikationstrainer", "de");
            button(page, "Alle akzeptieren").click();
            page.waitForFunction("k => !!localStorage.getItem(k)", "consentledger.receipt.kommunikationstrainer");
            page.click("footer >> text=Cookie-Einstellungen");
            String href = page.getByText("Beleg ansehen").getAttribute("href");
            Page receipt = page.context().newPage();
            com.microsoft.playwright.Response response = receipt.navigate(href);
            assertEquals(200, response.status(), href);
            assertEquals("de", receipt.getAttribute("html", "lang"));
            assertTrue(receipt.locator("main").innerText().contains("Statistik"), "category titles: " + receipt.locator("main").innerText());
            assertEquals(Boolean.TRUE, receipt.evaluate("() => document.documentElement.scrollWidth <= innerWidth"),
                    name(size) + ": no sideways scrolling");
            noAxeViolations(receipt, name(size) + " receipt page");
            Chromium.screenshot(receipt, "v2-demo-receipt-" + name(size));
        }
    }
}
