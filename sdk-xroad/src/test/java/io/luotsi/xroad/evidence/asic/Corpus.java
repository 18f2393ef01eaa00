package io.luotsi.xroad.evidence.asic;

import io.luotsi.xroad.globalconf.GlobalConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** X-Road fixtures copied into src/test/resources/xroad (MIT; LICENSE-X-Road.txt beside them). */
final class Corpus {

    private Corpus() {
    }

    static byte[] bytes(String path) {
        try (InputStream in = Corpus.class.getResourceAsStream("/xroad/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path path(String path) {
        try {
            return Path.of(Corpus.class.getResource("/xroad/" + path).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("no fixture " + path, e);
        }
    }

    /** The trust of X-Road's asicverifier tests: instance DEV, approved CA "Test CA" (FiVRK profile), "Test TSA". */
    static GlobalConfiguration good2v3() {
        return GlobalConfiguration.readDirectory(path("globalconf/globalconf_good2_v3"));
    }
}
