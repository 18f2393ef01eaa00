package io.luotsi.auth;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SoftHSM2 token for tests, made with {@code softhsm2-util} in a fresh directory. SoftHSM reads the file named by
 * the {@code SOFTHSM2_CONF} environment variable when its library loads; the build sets that variable for the test
 * JVM (sdk-auth/pom.xml) and this class writes the file. Tests that use it are skipped when SoftHSM is not installed.
 */
final class SoftHsm {

    static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    private static final Pattern SLOT = Pattern.compile("reassigned to slot (\\d+)");

    private SoftHsm() {
    }

    /** Skips the calling test unless SoftHSM2 is installed and SOFTHSM2_CONF is set for this JVM. */
    static void assumeInstalled() {
        assumeTrue(Files.isRegularFile(LIBRARY), "SoftHSM2 library " + LIBRARY + " not installed");
        assumeTrue(onPath("softhsm2-util"), "softhsm2-util not on PATH");
        assumeTrue(System.getenv("SOFTHSM2_CONF") != null, "SOFTHSM2_CONF is not set for the test JVM");
    }

    /**
     * Writes the configuration file SOFTHSM2_CONF names, pointing at a new token directory under {@code dir}, and
     * initialises a token there. Must run before the library is first loaded in this JVM.
     *
     * @return the slot id of the new token
     */
    static long initToken(Path dir, String label, String userPin, String soPin) throws IOException,
            InterruptedException {
        Path conf = Path.of(System.getenv("SOFTHSM2_CONF"));
        Path tokens = Files.createDirectories(dir.resolve("tokens"));
        Files.createDirectories(conf.getParent());
        Files.writeString(conf, "directories.tokendir = " + tokens.toAbsolutePath() + "\n"
                + "objectstore.backend = file\nlog.level = ERROR\n", StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder(List.of("softhsm2-util", "--init-token", "--free", "--label", label,
                "--pin", userPin, "--so-pin", soPin)).redirectErrorStream(true);
        pb.environment().put("SOFTHSM2_CONF", conf.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("softhsm2-util --init-token failed: " + out);
        }
        Matcher m = SLOT.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no slot in softhsm2-util output: " + out);
        }
        return Long.parseLong(m.group(1));
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
