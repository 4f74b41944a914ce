package org.consentledger.monitor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Example page paths of an observation: newline-separated in the database, at most {@link #MAX} distinct. */
public final class ExamplePaths {

    public static final int MAX = 5;

    private ExamplePaths() {
    }

    public static List<String> parse(String stored) {
        if (stored == null || stored.isEmpty()) {
            return List.of();
        }
        return Arrays.asList(stored.split("\n"));
    }

    /** The first {@link #MAX} distinct paths of both, in order. */
    public static List<String> merge(List<String> a, List<String> b) {
        Set<String> out = new LinkedHashSet<>();
        for (List<String> list : List.of(a, b)) {
            for (String p : list) {
                if (out.size() < MAX && !p.isEmpty()) {
                    out.add(p);
                }
            }
        }
        return new ArrayList<>(out);
    }

    public static String format(List<String> paths) {
        return String.join("\n", paths);
    }
}
