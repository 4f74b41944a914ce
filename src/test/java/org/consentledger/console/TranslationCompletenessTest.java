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
import java.util.List;
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

    static final Map<String, Class<?>> BUNDLES = Map.of("msg", ConsoleMessages.class, "cl", OnboardingMessages.class,
            "mon", MonitorMessages.class, "pg", PagesMessages.class, "lbl", LabelMessages.class,
            "val", ValidationMessages.class, "ed", EditorMessages.class, "csrf", CsrfMessages.class);

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
        Pattern use = Pattern.compile("\\{(msg|cl|mon|pg|lbl|val|ed):([a-zA-Z_0-9]+)");
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

    /**
     * Every rule code the config validator (and the site settings) can report has a console text taking exactly the
     * arguments the error carries, so no English validator message reaches a German page.
     */
    @Test
    void everyValidatorCodeHasAConsoleText() throws IOException {
        String source = Files.readString(Path.of("src/main/java/org/consentledger/config/ConfigValidator.java"));
        Set<String> missing = new TreeSet<>();
        int found = 0;
        for (int at = source.indexOf(" error("); at >= 0; at = source.indexOf(" error(", at + 1)) {
            List<String> args = arguments(source, at + " error(".length());
            if (args.size() < 3 || !args.get(1).matches("\"[a-z_0-9]+\"")) {
                continue; // the declaration, or a code computed by codeOf (its returns are checked below)
            }
            found++;
            String code = args.get(1).substring(1, args.get(1).length() - 1);
            if (FieldErrorText.method(code, args.size() - 3) == null) {
                missing.add(code + "/" + (args.size() - 3));
            }
        }
        Matcher returned = Pattern.compile("return \"([a-z_0-9]+)\";").matcher(source);
        while (returned.find()) {
            if (FieldErrorText.method(returned.group(1), 0) == null) {
                missing.add(returned.group(1) + "/0");
            }
        }
        assertTrue(found > 40, "the validator's codes were found (" + found + ")");
        for (String siteCode : new String[] { "retention_range/1", "origin_invalid/1", "origins_many/0", "whole_days/0",
                "json_not_object/0", "no_such_field/0", "form_mismatch/0" }) {
            String[] p = siteCode.split("/");
            if (FieldErrorText.method(p[0], Integer.parseInt(p[1])) == null) {
                missing.add(siteCode);
            }
        }
        assertEquals(Set.of(), missing, "codes without a ValidationMessages method of that arity");
    }

    /** The top-level arguments of a call whose argument list starts at {@code from} (string literals respected). */
    private static List<String> arguments(String source, int from) {
        List<String> args = new java.util.ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        StringBuilder current = new StringBuilder();
        for (int i = from; i < source.length(); i++) {
            char c = source.charAt(i);
            if (quoted) {
                current.append(c);
                if (c == '\\') {
                    current.append(source.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                }
                continue;
            }
            if (c == '"') {
                quoted = true;
            } else if (c == '(' || c == '{') {
                depth++;
            } else if ((c == ')' || c == '}') && depth > 0) {
                depth--;
            } else if (c == ')' ) {
                args.add(current.toString().strip());
                return args;
            } else if (c == ',' && depth == 0) {
                args.add(current.toString().strip());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        return args;
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
