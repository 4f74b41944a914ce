package org.consentledger.operator;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The bundled list of common passwords ({@code passwords/common-passwords.txt}, one a line, compared case-insensitively
 * and also with trailing digits and punctuation removed, so "Password1234!" counts as "password").
 */
@ApplicationScoped
public class CommonPasswords {

    static final String RESOURCE = "passwords/common-passwords.txt";

    private final Set<String> words;

    public CommonPasswords() {
        this.words = load();
    }

    public boolean contains(String password) {
        if (password == null) {
            return false;
        }
        String lower = password.strip().toLowerCase(Locale.ROOT);
        return words.contains(lower) || words.contains(stem(lower));
    }

    int size() {
        return words.size();
    }

    /** The password without trailing digits and punctuation ("summer2024!!" -> "summer"). */
    static String stem(String lower) {
        int end = lower.length();
        while (end > 0 && !Character.isLetter(lower.charAt(end - 1))) {
            end--;
        }
        return lower.substring(0, end);
    }

    private static Set<String> load() {
        Set<String> out = new HashSet<>();
        try (InputStream in = CommonPasswords.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                String word = line.strip().toLowerCase(Locale.ROOT);
                if (!word.isEmpty() && !word.startsWith("#")) {
                    out.add(word);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(out);
    }
}
