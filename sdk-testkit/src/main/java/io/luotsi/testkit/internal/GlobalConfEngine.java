package io.luotsi.testkit.internal;

import io.luotsi.xroad.globalconf.SignedDirectory;
import io.luotsi.xroad.globalconf.SignedDirectoryWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Central Server side of the fake: signs the configuration its {@link Source} describes and serves it as a
 * Central Server does.
 * <ul>
 *   <li>{@code GET /internalconf?version=N} (shared and private parameters) and {@code GET /externalconf?version=N}
 *       (shared parameters only) answer the signed directory of version N ({@link SignedDirectoryWriter}: the Central
 *       Server's format, signed by the configuration signing key), for the versions configured; any other version is
 *       404, which is how a configuration client learns which versions exist. Without {@code version} the directory
 *       of version 2 is served, as a Central Server serves legacy clients;</li>
 *   <li>{@code GET /V{N}/{generation}/shared-params.xml} (and {@code private-params.xml}) answer the parts at their
 *       {@code Content-location}; the parts of recent generations stay available, so a client that read a directory
 *       just before the configuration changed can still fetch its parts;</li>
 *   <li>{@code GET /configuration-anchor.xml} answers the anchor.</li>
 * </ul>
 * A configuration is generated on first request and again when the source changes ({@link Source#revision()}) or when
 * half of its validity is used up; {@code Expire-date} is the generation time plus the validity.
 */
public final class GlobalConfEngine {

    /** The internal directory's path. */
    public static final String INTERNAL = "/internalconf";
    /** The external directory's path. */
    public static final String EXTERNAL = "/externalconf";
    /** The anchor's path. */
    public static final String ANCHOR = "/configuration-anchor.xml";

    private static final Pattern VERSION = Pattern.compile("(?:^|&)version=([^&]*)");
    private static final Pattern PART = Pattern.compile("/V\\d+/.+");
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);
    private static final DateTimeFormatter GENERATION = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS")
            .withZone(ZoneOffset.UTC);
    private static final int KEPT_FILES = 64;
    private static final String OCTET_STREAM = "application/octet-stream";

    /** What the configuration says; called on request threads. */
    public interface Source {
        /** A number that changes whenever the content does. */
        long revision();

        /** The instance the configuration belongs to. */
        String instance();

        /** The shared parameters, written as configuration {@code version}. */
        byte[] sharedParameters(int version);

        /** The private parameters (internal directory only). */
        byte[] privateParameters();
    }

    /**
     * @param validity           {@code Expire-date} minus the generation time
     * @param minVersion         the oldest version served (also served without {@code ?version=})
     * @param maxVersion         the newest version served
     * @param signingKey         the configuration signing key
     * @param signingCertificate its certificate (the anchor carries it)
     * @param downloadBase       the base URL of the anchor's download URL, e.g. {@code http://127.0.0.1:8080}
     * @param clock              generation and expiry times
     */
    public record Settings(Duration validity, int minVersion, int maxVersion, Supplier<PrivateKey> signingKey,
                           Supplier<X509Certificate> signingCertificate, Supplier<URI> downloadBase, Clock clock) {
        public Settings {
            Objects.requireNonNull(validity, "validity");
            Objects.requireNonNull(signingKey, "signingKey");
            Objects.requireNonNull(signingCertificate, "signingCertificate");
            Objects.requireNonNull(downloadBase, "downloadBase");
            Objects.requireNonNull(clock, "clock");
            if (minVersion < 2 || maxVersion > 6 || minVersion > maxVersion) {
                throw new IllegalArgumentException("versions " + minVersion + ".." + maxVersion);
            }
        }
    }

    /**
     * One generated directory.
     *
     * @param internal    whether it is the internal directory
     * @param version     its configuration version
     * @param revision    the source revision it shows
     * @param generatedAt when it was generated
     * @param expiresAt   its {@code Expire-date}
     * @param output      the signed directory and its files
     */
    public record Published(boolean internal, int version, long revision, Instant generatedAt, Instant expiresAt,
                            SignedDirectoryWriter.Output output) {
    }

    private record Key(boolean internal, int version) {
    }

    private final Settings settings;
    private final Source source;
    private final Map<Key, Published> current = new HashMap<>();
    private final Map<String, byte[]> files = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > KEPT_FILES;
        }
    };
    private long generations;

    public GlobalConfEngine(Settings settings, Source source) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.source = Objects.requireNonNull(source, "source");
    }

    public Settings settings() {
        return settings;
    }

    /** The anchor's download URL: {@code {downloadBase}/internalconf}. */
    public URI downloadUrl() {
        String base = settings.downloadBase().get().toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + INTERNAL);
    }

    /**
     * Answers the Central Server's paths; {@code null} for any other request (another path, or a method other than
     * GET), which the Security Server then handles.
     */
    public RawResponse handle(RawRequest raw) {
        if (!raw.method().equals("GET")) {
            return null;
        }
        String path = raw.rawPath();
        if (path.equals(INTERNAL) || path.equals(EXTERNAL)) {
            Integer version = requestedVersion(raw.rawQuery());
            if (version == null) {
                return notFound();
            }
            Published p = published(path.equals(INTERNAL), version);
            return ok(OCTET_STREAM, p.output().body());
        }
        if (path.equals(ANCHOR)) {
            return ok("application/xml", anchorXml());
        }
        if (PART.matcher(path).matches()) {
            byte[] file;
            synchronized (this) {
                file = files.get(path);
            }
            return file == null ? notFound() : ok(OCTET_STREAM, file);
        }
        return null;
    }

    /** The version asked for: 2 without {@code version}, {@code null} (404) for one not served. */
    private Integer requestedVersion(String rawQuery) {
        if (rawQuery == null) {
            return settings.minVersion();
        }
        Matcher m = VERSION.matcher(rawQuery);
        if (!m.find()) {
            return settings.minVersion();
        }
        try {
            int v = Integer.parseInt(m.group(1));
            return v >= settings.minVersion() && v <= settings.maxVersion() ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The current directory of this kind and version, generated when needed. */
    public synchronized Published published(boolean internal, int version) {
        if (version < settings.minVersion() || version > settings.maxVersion()) {
            throw new IllegalArgumentException("version " + version + " is not served (" + settings.minVersion()
                    + ".." + settings.maxVersion() + ")");
        }
        Key key = new Key(internal, version);
        Instant now = settings.clock().instant();
        long revision = source.revision();
        Published p = current.get(key);
        if (p == null || p.revision() != revision || !now.isBefore(p.generatedAt().plus(settings.validity()
                .dividedBy(2))) || now.isBefore(p.generatedAt())) {
            p = generate(internal, version, revision, now);
            current.put(key, p);
        }
        return p;
    }

    private Published generate(boolean internal, int version, long revision, Instant now) {
        String generation = GENERATION.format(now) + String.format(Locale.ROOT, "%06d", ++generations % 1_000_000);
        String dir = "/V" + version + "/" + generation + "/";
        List<SignedDirectoryWriter.Content> contents = new ArrayList<>(2);
        if (internal) {
            contents.add(new SignedDirectoryWriter.Content(SignedDirectory.PRIVATE_PARAMETERS, source.instance(),
                    dir + "private-params.xml", source.privateParameters()));
        }
        contents.add(new SignedDirectoryWriter.Content(SignedDirectory.SHARED_PARAMETERS, source.instance(),
                dir + "shared-params.xml", source.sharedParameters(version)));
        Instant expires = now.plus(settings.validity()).truncatedTo(ChronoUnit.SECONDS);
        SignedDirectoryWriter.Output out = SignedDirectoryWriter.builder()
                .signingKey(settings.signingKey().get(), settings.signingCertificate().get())
                .expiresAt(expires)
                .version(version)
                .build()
                .write(contents);
        files.putAll(out.files());
        return new Published(internal, version, revision, now, expires, out);
    }

    /** The anchor whose source is {@link #downloadUrl()} with the signing certificate. */
    public byte[] anchorXml() {
        String cert;
        try {
            cert = Base64.getEncoder().encodeToString(settings.signingCertificate().get().getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode the configuration signing certificate", e);
        }
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<tns:configurationAnchor xmlns:tns=\"http://x-road.eu/xsd/xroad.xsd\">\n"
                + "    <generatedAt>" + settings.clock().instant().truncatedTo(ChronoUnit.SECONDS) + "</generatedAt>\n"
                + "    <instanceIdentifier>" + ErrorBodies.xmlText(source.instance()) + "</instanceIdentifier>\n"
                + "    <source>\n"
                + "        <downloadURL>" + ErrorBodies.xmlText(downloadUrl().toString()) + "</downloadURL>\n"
                + "        <verificationCert>" + cert + "</verificationCert>\n"
                + "    </source>\n"
                + "</tns:configurationAnchor>\n";
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes the current internal configuration of {@code version} in the layout a Security Server's configuration
     * client keeps ({@code /etc/xroad/globalconf}): {@code instance-identifier}, and in the instance's directory
     * {@code shared-params.xml} and {@code private-params.xml}, each with its {@code .metadata}.
     */
    public void writeDirectory(Path root, int version) {
        Published p = published(true, version);
        String instance = source.instance();
        Path dir = root.resolve(URLEncoder.encode(instance, StandardCharsets.UTF_8));
        try {
            Files.createDirectories(dir);
            Files.writeString(root.resolve("instance-identifier"), instance, StandardCharsets.UTF_8);
            for (SignedDirectory.Part part : p.output().parts()) {
                String name = part.contentIdentifier().equals(SignedDirectory.SHARED_PARAMETERS)
                        ? "shared-params.xml" : "private-params.xml";
                Files.write(dir.resolve(name), p.output().files().get(part.contentLocation()));
                String metadata = "{\"contentIdentifier\":" + ErrorBodies.jsonString(part.contentIdentifier())
                        + ",\"instanceIdentifier\":" + ErrorBodies.jsonString(instance)
                        + ",\"expirationDate\":" + ErrorBodies.jsonString(p.expiresAt().toString())
                        + ",\"configurationVersion\":" + ErrorBodies.jsonString(Integer.toString(version)) + "}";
                Files.writeString(dir.resolve(name + ".metadata"), metadata, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the global configuration to " + root, e);
        }
    }

    private RawResponse ok(String contentType, byte[] body) {
        return new RawResponse(200, List.of(new HeaderField("Content-Type", contentType),
                new HeaderField("Date", httpDate())), body);
    }

    private RawResponse notFound() {
        return new RawResponse(404, List.of(new HeaderField("Content-Type", "text/plain; charset=UTF-8"),
                new HeaderField("Date", httpDate())), "404 Not Found".getBytes(StandardCharsets.UTF_8));
    }

    private String httpDate() {
        return HTTP_DATE.format(settings.clock().instant().atZone(ZoneOffset.UTC));
    }
}
