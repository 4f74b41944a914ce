import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Builds the cookie monitor bundle ({@code banner-js/src/monitor.js}, loaded by the banner after it is visible)
 * with the esbuild binary the banner build unpacks. Run by Maven as a single-file Java program:
 *
 * <pre>java BuildMonitor.java &lt;esbuild-dir&gt; &lt;entry.js&gt; &lt;out-dir&gt; &lt;budget-gzip-bytes&gt;</pre>
 *
 * Writes {@code monitor.js}, prints the gzipped size and exits non-zero above the budget (2 KB) or when the
 * sampling-rate placeholder the server substitutes is missing.
 */
public class BuildMonitor {

    /** Must equal the RATE placeholder in banner-js/src/monitor.js (MonitorScript substitutes it). */
    static final String PLACEHOLDER = "__CL_MONITOR_RATE__";

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: java BuildMonitor.java <esbuild-dir> <entry.js> <out-dir> <budget-gzip-bytes>");
            System.exit(2);
        }
        Path esbuild = findBinary(Path.of(args[0]));
        Path outDir = Path.of(args[2]);
        long budget = Long.parseLong(args[3]);
        Files.createDirectories(outDir);
        Path out = outDir.resolve("monitor.js");
        esbuild.toFile().setExecutable(true);
        Process process = new ProcessBuilder(List.of(esbuild.toString(), args[1], "--bundle", "--minify",
                "--format=iife", "--target=es2019", "--charset=utf8", "--legal-comments=none",
                "--log-level=warning", "--outfile=" + out)).inheritIO().start();
        if (process.waitFor() != 0) {
            System.err.println("[monitor] esbuild failed");
            System.exit(1);
        }
        byte[] bundle = Files.readAllBytes(out);
        if (!new String(bundle, StandardCharsets.UTF_8).contains(PLACEHOLDER)) {
            System.err.println("[monitor] sampling-rate placeholder " + PLACEHOLDER + " missing from the bundle");
            System.exit(1);
        }
        long gzip = gzipSize(bundle);
        System.out.printf("[monitor] monitor.js %d bytes, %d bytes gzipped (budget %d)%n", bundle.length, gzip, budget);
        if (gzip > budget) {
            System.err.printf("[monitor] FAILED: %d bytes gzipped exceeds the budget of %d bytes%n", gzip, budget);
            System.exit(1);
        }
    }

    static long gzipSize(byte[] data) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(buffer) {
            {
                def.setLevel(9);
            }
        }) {
            gz.write(data);
        }
        return buffer.size();
    }

    static Path findBinary(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> {
                String name = p.getFileName().toString();
                return (name.equals("esbuild") || name.equals("esbuild.exe")) && Files.isRegularFile(p);
            }).findFirst().orElseThrow(() -> new IOException("no esbuild binary under " + dir));
        }
    }
}
