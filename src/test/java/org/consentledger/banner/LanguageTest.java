package org.consentledger.banner;

import org.consentledger.platform.Chromium;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 4 item 9: German and English built in, config texts override; html lang, then browser, then default. */
@QuarkusTest
class LanguageTest extends BannerBrowserTest {

    @Test
    void htmlLangWins() {
        String site = sites.newSite();
        Page page = open(context(), pageUrl(site) + "?lang=en");
        String text = dialog(page).innerText();
        assertTrue(text.contains("Privacy at Fixture"), "config text in English");
        assertTrue(text.contains("Controller: Fixture GmbH"), "built-in English label");
        assertTrue(text.contains("withdraw"), "built-in English withdrawal note");
        assertEquals("en", dialog(page).getAttribute("lang"));
        assertEquals("https://fixture.example/privacy", page.getByText("Privacy policy").getAttribute("href"));
        Chromium.screenshot(page, "first-layer-en-1280x720");
    }

    @Test
    void browserLanguageWhenThePageHasNone() {
        String site = sites.newSite();
        Page page = open(context(new Browser.NewContextOptions().setLocale("en-US")), pageUrl(site) + "?lang=none");
        assertTrue(dialog(page).innerText().contains("Privacy at Fixture"));
    }

    @Test
    void siteDefaultWhenNeitherIsOffered() {
        String site = sites.newSite();
        Page page = open(context(new Browser.NewContextOptions().setLocale("fr-FR")), pageUrl(site) + "?lang=fr");
        assertTrue(dialog(page).innerText().contains("Datenschutz bei Fixture"), "default language de");
        assertTrue(dialog(page).innerText().contains("Verantwortlich"), "built-in German label");
    }
}
