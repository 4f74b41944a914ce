package org.consentledger.console;

import io.quarkus.qute.i18n.Message;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every console message exists in English (the bundle interface) and German (the properties file) and is not blank,
 * no German key is left over, and every {@code msg:}/{@code cl:} key a template uses exists.
 */
class TranslationCompletenessTest {

    static final Map<String, Class<?>> BUNDLES = Map.of("msg", ConsoleMessages.class, "cl", OnboardingMessages.class, "mon", MonitorMessages.class,
            "pg", PagesMessages.class);

    @Test
    void everyMessageHasBothLanguages() throws IOException {
        for (Map.Entry<String, Class<?>> bundle : BUNDLES.entrySet()) {
            Set<String> english = englishKeys(bundle.getValue());
            Properties german = german(bundle.getKey());
            Set<String> missing = new TreeSet<>(english);
            missing.removeAll(german.stringPropertyNames());
            Set<String> extra = new TreeSet<>(german.stringPropertyNames());
            extra.removeAll(english);
            assertEquals(Set.of(), missing, bundle.getKey() + "_de.properties lacks these keys");
            assertEquals(Set.of(), extra, bundle.getKey() + "_de.properties has keys the bundle does not declare");
            for (String key : german.stringPropertyNames()) {
                assertTrue(!german.getProperty(key).isBlank(), bundle.getKey() + "_de." + key + " is blank");
            }
        }
    }

    @Test
    void templatesUseOnlyDeclaredKeys() throws IOException {
        Pattern use = Pattern.compile("\\{(msg|cl|pg):([a-zA-Z_0-9]+)");
        Set<String> unknown = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".html"))::iterator) {
                Matcher m = use.matcher(Files.readString(file));
                while (m.find()) {
                    String key = m.group(2);
                    if (!"message".equals(key) && !englishKeys(BUNDLES.get(m.group(1))).contains(key)) {
                        unknown.add(file.getFileName() + ": " + m.group(1) + ":" + key);
                    }
                }
            }
        }
        assertEquals(Set.of(), unknown, "templates print keys that no bundle declares");
    }

    static Set<String> englishKeys(Class<?> bundle) {
        Set<String> keys = new TreeSet<>();
        for (Method method : bundle.getDeclaredMethods()) {
            Message message = method.getAnnotation(Message.class);
            if (message != null) {
                assertTrue(!message.value().isBlank(), bundle.getSimpleName() + "." + method.getName() + " has no English text");
                keys.add(message.key().equals(Message.DEFAULT_NAME) || message.key().isEmpty() ? method.getName() : message.key());
            }
        }
        return keys;
    }

    static Properties german(String bundle) throws IOException {
        Properties p = new Properties();
        try (InputStream in = TranslationCompletenessTest.class.getClassLoader()
                .getResourceAsStream("messages/" + bundle + "_de.properties")) {
            assertTrue(in != null, "messages/" + bundle + "_de.properties missing");
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
