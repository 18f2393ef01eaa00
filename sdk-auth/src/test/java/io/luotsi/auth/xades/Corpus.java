package io.luotsi.auth.xades;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The X-Road fixtures copied into src/test/resources/xroad (MIT, see LICENSE-X-Road.txt there). */
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
}
