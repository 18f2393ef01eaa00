package io.luotsi.xroad.globalconf;

import io.luotsi.xroad.IdentifierXml;
import io.luotsi.xroad.globalconf.internal.AnchorXml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A configuration anchor: the instance, and where its signed configuration is downloaded from with the certificates
 * that may sign it ({@code configuration-anchor.xsd}; root {@code tns:configurationAnchor} in
 * {@value IdentifierXml#XROAD_NS}, children unqualified).
 *
 * <pre>{@code
 * ConfigurationAnchor anchor = ConfigurationAnchor.read(Path.of("configuration-anchor.xml"));
 * anchor.instanceIdentifier();                       // "EE"
 * anchor.sources().get(0).downloadUrl();             // http://cs.example/internalconf
 * }</pre>
 *
 * @param generatedAt        when the Central Server generated the anchor, or {@code null}
 * @param instanceIdentifier the X-Road instance
 * @param sources            one or more configuration sources
 */
public record ConfigurationAnchor(Instant generatedAt, String instanceIdentifier, List<Source> sources) {

    /** Anchors are small; a larger file is not an anchor. */
    public static final long MAX_BYTES = 1024 * 1024;

    public ConfigurationAnchor {
        Objects.requireNonNull(instanceIdentifier, "instanceIdentifier");
        if (instanceIdentifier.isBlank()) {
            throw new IllegalArgumentException("instanceIdentifier is blank");
        }
        sources = List.copyOf(sources);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("an anchor has at least one source");
        }
    }

    /**
     * One configuration source.
     *
     * @param downloadUrl              the URL of the signed directory, e.g. {@code http://cs/internalconf}
     * @param verificationCertificates certificates whose keys may sign it (used as public-key containers)
     */
    public record Source(URI downloadUrl, List<X509Certificate> verificationCertificates) {
        public Source {
            Objects.requireNonNull(downloadUrl, "downloadUrl");
            verificationCertificates = List.copyOf(verificationCertificates);
        }
    }

    /** Parses an anchor file. */
    public static ConfigurationAnchor parse(InputStream in) {
        return AnchorXml.read(in, MAX_BYTES);
    }

    public static ConfigurationAnchor parse(byte[] xml) {
        return parse(new ByteArrayInputStream(Objects.requireNonNull(xml, "xml")));
    }

    public static ConfigurationAnchor read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read anchor " + file, e);
        }
    }

    /** Every verification certificate of every source, without duplicates. */
    public List<X509Certificate> verificationCertificates() {
        List<X509Certificate> all = new ArrayList<>();
        for (Source s : sources) {
            for (X509Certificate c : s.verificationCertificates()) {
                if (!all.contains(c)) {
                    all.add(c);
                }
            }
        }
        return List.copyOf(all);
    }
}
