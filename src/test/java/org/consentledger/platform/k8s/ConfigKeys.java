package org.consentledger.platform.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappings;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The configuration keys the application really reads, as environment variable names:
 * <ul>
 * <li>Quarkus: every property of every extension on the classpath, from the config model each
 * extension ships ({@code META-INF/quarkus-config-doc/quarkus-config-model.json}), with its phase;</li>
 * <li>the application: every key of {@code application.properties}, every {@code @ConfigMapping}
 * interface and every {@code @ConfigProperty(name=...)} in the compiled classes;</li>
 * <li>libraries read through MicroProfile Config outside Quarkus's model (SmallRye JWT), from the
 * {@code @ConfigProperty} fields of their classes when they are on the classpath.</li>
 * </ul>
 * Environment names follow SmallRye Config: every character that is not a letter or digit becomes
 * {@code _}, letters become upper case; a map key or named datasource matches any name.
 */
final class ConfigKeys {

    enum Source { QUARKUS, APPLICATION, LIBRARY }

    /** One known key: its property name, where it comes from, its phase (Quarkus keys only) and the env pattern. */
    static final class Key {
        final String property;
        final Source source;
        final String phase;
        final Pattern env;

        Key(String property, Source source, String phase) {
            this.property = property;
            this.source = source;
            this.phase = phase;
            this.env = envPattern(property);
        }

        boolean runtime() {
            return phase == null || phase.equals("RUN_TIME");
        }

        @Override
        public String toString() {
            return property + " (" + source + (phase == null ? "" : ", " + phase) + ")";
        }
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\"[^\"]*\"|\\*|\\[\\*\\]");

    private ConfigKeys() {
    }

    static String envName(String property) {
        StringBuilder sb = new StringBuilder();
        for (char c : property.toCharArray()) {
            sb.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return sb.toString();
    }

    /** Literal parts become their env form; "quoted" map keys, * and [*] match any non-empty env segment. */
    static Pattern envPattern(String property) {
        StringBuilder regex = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(property);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(envName(property.substring(last, m.start())))).append("[A-Z0-9_]+");
            last = m.end();
        }
        regex.append(Pattern.quote(envName(property.substring(last))));
        return Pattern.compile(regex.toString());
    }

    static List<Key> all() {
        List<Key> keys = new ArrayList<>();
        keys.addAll(quarkus());
        keys.addAll(application());
        keys.addAll(libraries());
        return keys;
    }

    /** The known key an environment variable sets, preferring an exact (non-wildcard) match. */
    static Optional<Key> lookup(List<Key> keys, String env) {
        Optional<Key> exact = keys.stream().filter(k -> envName(k.property).equals(env)).findFirst();
        return exact.isPresent() ? exact : keys.stream().filter(k -> k.env.matcher(env).matches()).findFirst();
    }

    static List<Key> quarkus() {
        List<Key> keys = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try {
            Enumeration<URL> models = ConfigKeys.class.getClassLoader()
                    .getResources("META-INF/quarkus-config-doc/quarkus-config-model.json");
            for (URL url : Collections.list(models)) {
                try (InputStream in = url.openStream()) {
                    for (JsonNode root : json.readTree(in).path("configRoots")) {
                        collect(root.path("items"), keys);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    private static void collect(JsonNode items, List<Key> keys) {
        for (JsonNode item : items) {
            if (item.has("items")) {
                collect(item.path("items"), keys);
            }
            if (item.has("path") && item.path("path").has("property")) {
                String phase = item.path("phase").asText(null);
                keys.add(new Key(item.path("path").path("property").asText(), Source.QUARKUS, phase));
                for (JsonNode extra : item.path("additionalPaths")) {
                    keys.add(new Key(extra.path("property").asText(), Source.QUARKUS, phase));
                }
            }
        }
    }

    static List<Key> application() {
        List<Key> keys = new ArrayList<>();
        Properties props = applicationProperties();
        for (String name : props.stringPropertyNames()) {
            String key = name.startsWith("%") ? name.substring(name.indexOf('.') + 1) : name;
            keys.add(new Key(key, Source.APPLICATION, null));
        }
        for (Class<?> type : applicationClasses()) {
            ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
            if (mapping != null && type.isInterface()) {
                for (String property : ConfigMappings.getProperties(new ConfigMappings.ConfigClass(type, mapping.prefix())).keySet()) {
                    keys.add(new Key(property, Source.APPLICATION, null));
                }
            }
            configProperties(type).forEach(p -> keys.add(new Key(p, Source.APPLICATION, null)));
        }
        return keys;
    }

    /** Keys read by libraries through MicroProfile Config that Quarkus's config model does not list. */
    static List<Key> libraries() {
        List<Key> keys = new ArrayList<>();
        for (String className : List.of("io.smallrye.jwt.config.JWTAuthContextInfoProvider")) {
            try {
                Class<?> type = Class.forName(className, false, ConfigKeys.class.getClassLoader());
                configProperties(type).forEach(p -> keys.add(new Key(p, Source.LIBRARY, null)));
            } catch (ClassNotFoundException | LinkageError e) {
                // library not used by the application
            }
        }
        for (String className : List.of("io.smallrye.jwt.build.impl.JwtBuildUtils")) {
            try {
                Class<?> type = Class.forName(className, false, ConfigKeys.class.getClassLoader());
                for (Field f : type.getDeclaredFields()) {
                    if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) && f.getType() == String.class
                            && java.lang.reflect.Modifier.isFinal(f.getModifiers())) {
                        f.setAccessible(true);
                        Object value = f.get(null);
                        if (value instanceof String && ((String) value).startsWith("smallrye.jwt.")) {
                            keys.add(new Key((String) value, Source.LIBRARY, null));
                        }
                    }
                }
            } catch (ClassNotFoundException | LinkageError | IllegalAccessException | RuntimeException e) {
                // library not used by the application
            }
        }
        return keys;
    }

    private static List<String> configProperties(Class<?> type) {
        List<String> names = new ArrayList<>();
        try {
            for (Field f : type.getDeclaredFields()) {
                ConfigProperty p = f.getAnnotation(ConfigProperty.class);
                if (p != null && !p.name().isEmpty()) {
                    names.add(p.name());
                }
            }
            for (Method m : type.getDeclaredMethods()) {
                for (Parameter parameter : m.getParameters()) {
                    ConfigProperty p = parameter.getAnnotation(ConfigProperty.class);
                    if (p != null && !p.name().isEmpty()) {
                        names.add(p.name());
                    }
                }
            }
            for (var c : type.getDeclaredConstructors()) {
                for (Parameter parameter : c.getParameters()) {
                    ConfigProperty p = parameter.getAnnotation(ConfigProperty.class);
                    if (p != null && !p.name().isEmpty()) {
                        names.add(p.name());
                    }
                }
            }
        } catch (LinkageError e) {
            // a class whose dependencies are absent from the test classpath: no keys from it
        }
        return names;
    }

    static Properties applicationProperties() {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(Manifests.ROOT.resolve("src/main/resources/application.properties"))) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }

    /** The application's compiled classes (target/classes), loaded without initialising them. */
    static List<Class<?>> applicationClasses() {
        Path classes = Manifests.ROOT.resolve("target/classes");
        List<Class<?>> result = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList())) {
                String name = classes.relativize(file).toString().replace('/', '.').replace('\\', '.');
                name = name.substring(0, name.length() - ".class".length());
                if (name.endsWith("package-info") || name.endsWith("module-info")) {
                    continue;
                }
                try {
                    result.add(Class.forName(name, false, ConfigKeys.class.getClassLoader()));
                } catch (ClassNotFoundException | LinkageError e) {
                    // generated or unloadable outside Quarkus: skipped
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    /** Names set as ENV in the Dockerfile: read by the base image's run-java.sh, not by the application. */
    static Map<String, String> imageEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        Pattern line = Pattern.compile("^ENV\\s+([A-Za-z_][A-Za-z0-9_]*)=(.*)$");
        for (String l : ContainerImageTest.dockerfileLines()) {
            Matcher m = line.matcher(l.trim());
            if (m.matches()) {
                env.put(m.group(1), m.group(2));
            }
        }
        return env;
    }
}
