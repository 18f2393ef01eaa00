package io.luotsi.xroad.globalconf;

import io.luotsi.core.LuotsiException;
import io.luotsi.core.http.HttpRequest;
import io.luotsi.core.http.HttpResponse;
import io.luotsi.core.http.HttpTransport;
import io.luotsi.core.http.OkHttpTransport;
import io.luotsi.xroad.globalconf.internal.DirectoryLayout;
import io.luotsi.xroad.globalconf.internal.PrivateParametersXml;
import io.luotsi.xroad.globalconf.internal.SharedParametersXml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads the global configuration from the sources an anchor names, as X-Road's configuration client does
 * ({@code ConfigurationDownloader}, {@code LocationVersionResolver}, {@code ConfigurationDownloadUtils}):
 * <ul>
 *   <li>every {@code http://} source is first tried as {@code https://}, then as itself; the sources are tried in
 *       turn (shuffled, as X-Road does, unless told not to) and the last one that worked is tried first next time;</li>
 *   <li>with a configuration downloaded before, the sources its shared parameters list (V3+) are tried first, with
 *       their verification certificates: that is how the Central Server rotates its signing key;</li>
 *   <li>{@code ?version=N} is probed from 6 down to 2: the first that does not answer 404 is used (2 is used
 *       unprobed); a URL that already has {@code version=} is used as it is;</li>
 *   <li>the directory is verified ({@link SignedDirectoryVerifier}), each part is downloaded from its
 *       {@code Content-location} resolved against the download URL (never leaving its origin) and checked against its
 *       hash; a part whose hash matches what was downloaded before is not downloaded again;</li>
 *   <li>federated instances named in the private parameters are downloaded (shared parameters only) when allowed,
 *       as X-Road's {@code allowed-federations} setting does; none by default.</li>
 * </ul>
 *
 * <pre>{@code
 * GlobalConfDownloader downloader = GlobalConfDownloader.builder()
 *     .anchor(ConfigurationAnchor.read(Path.of("configuration-anchor.xml")))
 *     .clock(clock)
 *     .persistTo(Path.of("/var/lib/app/globalconf"))      // optional: the layout a Security Server writes
 *     .build();
 * GlobalConfiguration conf = downloader.download().configuration();
 * }</pre>
 *
 * Thread-safe; downloads are serialised.
 */
public final class GlobalConfDownloader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GlobalConfDownloader.class);

    /** The newest configuration version this client understands. */
    public static final int CURRENT_VERSION = 6;
    /** The oldest configuration version a Central Server still serves. */
    public static final int MINIMUM_VERSION = 2;

    private static final Pattern VERSION_IN_LOCATION = Pattern.compile("/V(\\d+)/");

    private final ConfigurationAnchor anchor;
    private final HttpTransport transport;
    private final boolean ownsTransport;
    private final Clock clock;
    private final Path persistTo;
    private final Set<String> allowedFederations;
    private final boolean allFederations;
    private final boolean preferHttps;
    private final Random shuffle;
    private final long maxDirectoryBytes;
    private final long maxPartBytes;
    private final Integer fixedVersion;

    /** The location that worked last, per instance (unversioned URL). */
    private final Map<String, String> lastGood = new ConcurrentHashMap<>();
    /** Files downloaded before, by content location key, to skip unchanged parts. */
    private final Map<String, byte[]> previousFiles = new HashMap<>();
    private volatile GlobalConfiguration last;

    private GlobalConfDownloader(Builder b) {
        this.anchor = b.anchor;
        this.transport = b.transport != null ? b.transport : OkHttpTransport.builder().build();
        this.ownsTransport = b.transport == null;
        this.clock = b.clock;
        this.persistTo = b.persistTo;
        this.allowedFederations = Set.copyOf(b.allowedFederations);
        this.allFederations = b.allFederations;
        this.preferHttps = b.preferHttps;
        this.shuffle = b.shuffle;
        this.maxDirectoryBytes = b.maxDirectoryBytes;
        this.maxPartBytes = b.maxPartBytes;
        this.fixedVersion = b.fixedVersion;
    }

    public static Builder builder() {
        return new Builder();
    }

    public ConfigurationAnchor anchor() {
        return anchor;
    }

    /** The configuration the last successful download produced. */
    public java.util.Optional<GlobalConfiguration> last() {
        return java.util.Optional.ofNullable(last);
    }

    /**
     * A completed download.
     *
     * @param configuration the verified configuration (own instance and allowed federated instances)
     * @param directory     the own instance's verified directory
     * @param downloadUrl   the versioned URL it came from
     * @param files         every part of the directory with its verified content, in the directory's order
     */
    public record Download(GlobalConfiguration configuration, SignedDirectory directory, URI downloadUrl,
                           Map<SignedDirectory.Part, byte[]> files) {
    }

    /**
     * Downloads, verifies and parses the configuration; on success also writes it to the
     * {@linkplain Builder#persistTo(Path) directory} if one was given.
     *
     * @throws GlobalConfException when no source gave a valid configuration: the code of the failure when every
     *     source failed the same way (e.g. {@value GlobalConfException#OUTDATED}), else
     *     {@value GlobalConfException#DOWNLOAD_FAILED}; each source's failure is attached as suppressed
     */
    public synchronized Download download() {
        String instance = anchor.instanceIdentifier();
        Fetched own = fetch(instance, anchor, null, true);
        GlobalConfiguration previous = last;

        GlobalConfiguration.Builder builder = GlobalConfiguration.builder(instance);
        PrivateParameters privateParams = null;
        Instant expires = own.directory.expiresAt();
        for (Map.Entry<SignedDirectory.Part, byte[]> e : own.files.entrySet()) {
            SignedDirectory.Part part = e.getKey();
            if (part.contentIdentifier().equals(SignedDirectory.SHARED_PARAMETERS)) {
                builder.add(parseShared(part, e.getValue(), own.directory), expires);
            } else if (part.contentIdentifier().equals(SignedDirectory.PRIVATE_PARAMETERS)) {
                privateParams = parsePrivate(part, e.getValue());
                builder.privateParameters(privateParams, expires);
            }
        }
        List<Fetched> federated = new ArrayList<>();
        if (privateParams != null) {
            for (ConfigurationAnchor fed : privateParams.configurationAnchors()) {
                String fi = fed.instanceIdentifier();
                if (fi.equals(instance) || !(allFederations || allowedFederations.contains(fi))) {
                    continue;
                }
                try {
                    Fetched f = fetch(fi, fed, SignedDirectory.SHARED_PARAMETERS, false);
                    federated.add(f);
                    for (Map.Entry<SignedDirectory.Part, byte[]> e : f.files.entrySet()) {
                        builder.add(parseShared(e.getKey(), e.getValue(), f.directory), f.directory.expiresAt());
                    }
                } catch (LuotsiException e) {
                    LOG.warn("federated instance {} could not be downloaded: {}", fi, e.getMessage());
                    GlobalConfiguration.Instance kept = previous == null ? null
                            : previous.instance(fi).orElse(null);
                    if (kept != null && (kept.expiresAt() == null || !clock.instant().isAfter(kept.expiresAt()))) {
                        builder.add(kept.sharedParameters(), kept.expiresAt());
                    }
                }
            }
        }
        GlobalConfiguration conf = builder.build();
        if (persistTo != null) {
            persist(instance, own);
            federated.forEach(f -> persist(null, f));
        }
        last = conf;
        return new Download(conf, own.directory, own.url, own.files);
    }

    private record Fetched(SignedDirectory directory, URI url, Map<SignedDirectory.Part, byte[]> files) {
    }

    /** A location to try: a download URL and the certificates that may sign what it serves. */
    private record Location(String url, List<X509Certificate> certificates) {
    }

    private Fetched fetch(String instance, ConfigurationAnchor source, String onlyContent, boolean internal) {
        List<Location> locations = locations(instance, source, internal);
        List<GlobalConfException> failures = new ArrayList<>();
        for (Location location : locations) {
            try {
                Fetched f = fetchFrom(instance, location, onlyContent);
                lastGood.put(instance, location.url());
                return f;
            } catch (GlobalConfException e) {
                // Not a warning yet: the next source may work (the https rewrite of an http-only source always fails).
                // When none does, the exception carries every failure.
                LOG.debug("global configuration of {} could not be downloaded from {}: {}", instance, location.url(),
                        e.getMessage());
                failures.add(e);
                lastGood.remove(instance, location.url());
            }
        }
        Set<String> codes = new LinkedHashSet<>();
        failures.forEach(f -> codes.add(f.code()));
        String code = codes.size() == 1 ? codes.iterator().next() : GlobalConfException.DOWNLOAD_FAILED;
        GlobalConfException e = new GlobalConfException(code, "no source gave a valid global configuration of "
                + instance + " (" + locations.size() + " tried" + (codes.isEmpty() ? "" : ": " + codes) + ")");
        failures.forEach(e::addSuppressed);
        throw e;
    }

    private List<Location> locations(String instance, ConfigurationAnchor source, boolean internal) {
        List<Location> result = new ArrayList<>();
        GlobalConfiguration previous = last;
        SharedParameters known = previous == null ? null : previous.sharedParameters(instance).orElse(null);
        if (known != null && !known.sources().isEmpty()) {
            String dir = confDirectory(source);
            List<Location> https = new ArrayList<>();
            List<Location> http = new ArrayList<>();
            for (SharedParameters.Source s : known.sources()) {
                List<X509Certificate> certs = new ArrayList<>();
                if (!"externalconf".equals(dir)) {
                    certs.addAll(s.internalVerificationCertificates());
                }
                if (!"internalconf".equals(dir)) {
                    certs.addAll(s.externalVerificationCertificates());
                }
                if (certs.isEmpty() || s.address().isBlank()) {
                    continue;
                }
                https.add(new Location("https://" + s.address() + "/" + dir, certs));
                http.add(new Location("http://" + s.address() + "/" + dir, certs));
            }
            shuffle(https);
            shuffle(http);
            result.addAll(https);
            result.addAll(http);
        }
        List<Location> rewritten = new ArrayList<>();
        List<Location> plain = new ArrayList<>();
        for (ConfigurationAnchor.Source s : source.sources()) {
            String url = s.downloadUrl().toString();
            if (preferHttps && url.regionMatches(true, 0, "http://", 0, 7)) {
                rewritten.add(new Location("https://" + url.substring(7), s.verificationCertificates()));
            }
            plain.add(new Location(url, s.verificationCertificates()));
        }
        shuffle(rewritten);
        shuffle(plain);
        result.addAll(rewritten);
        result.addAll(plain);
        // Drop duplicates, keep order.
        Map<String, Location> unique = new LinkedHashMap<>();
        for (Location l : result) {
            unique.merge(l.url(), l, (a, b) -> {
                List<X509Certificate> both = new ArrayList<>(a.certificates());
                b.certificates().stream().filter(c -> !both.contains(c)).forEach(both::add);
                return new Location(a.url(), both);
            });
        }
        List<Location> ordered = new ArrayList<>(unique.values());
        String good = lastGood.get(instance);
        if (good != null) {
            for (int i = 0; i < ordered.size(); i++) {
                if (ordered.get(i).url().equals(good)) {
                    ordered.add(0, ordered.remove(i));
                    break;
                }
            }
        }
        return ordered;
    }

    private void shuffle(List<Location> list) {
        if (shuffle != null) {
            Collections.shuffle(list, shuffle);
        }
    }

    /** The last path segment of the anchor's URLs: {@code internalconf} or {@code externalconf}. */
    private static String confDirectory(ConfigurationAnchor source) {
        String path = source.sources().get(0).downloadUrl().getPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            return "internalconf";
        }
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return p.substring(p.lastIndexOf('/') + 1);
    }

    private Fetched fetchFrom(String instance, Location location, String onlyContent) {
        if (location.certificates().isEmpty()) {
            throw new GlobalConfException(GlobalConfException.MISSING_VERIFICATION_CERT,
                    "source " + location.url() + " has no usable verification certificate");
        }
        Body directoryBody = resolveVersionAndGet(location.url());
        SignedDirectory dir = SignedDirectoryVerifier.builder()
                .trust(location.certificates())
                .clock(clock)
                .maxBytes(maxDirectoryBytes)
                .expectedInstance(instance)
                .build()
                .verify(directoryBody.bytes, directoryBody.contentType);
        Map<SignedDirectory.Part, byte[]> files = new LinkedHashMap<>();
        for (SignedDirectory.Part part : dir.parts()) {
            if (onlyContent != null && !onlyContent.equals(part.contentIdentifier())) {
                continue;
            }
            files.put(part, content(directoryBody.url, instance, part));
        }
        return new Fetched(dir, directoryBody.url, Collections.unmodifiableMap(files));
    }

    private byte[] content(URI downloadUrl, String instance, SignedDirectory.Part part) {
        URI url = part.resolve(downloadUrl);
        String key = instance + "|" + part.contentIdentifier() + "|" + part.instance() + "|" + part.fileName();
        byte[] previous = previousFiles.get(key);
        if (previous == null) {
            previous = persistedCopy(instance, part);
        }
        if (previous != null && part.matches(previous)) {
            LOG.debug("{} is unchanged, not downloaded again", part);
            return previous;
        }
        byte[] content;
        try {
            Body body = get(url, maxPartBytes);
            if (body.status != 200) {
                throw new GlobalConfException(GlobalConfException.PART_DOWNLOAD_FAILURE,
                        "downloading " + part + " from " + url + " gave HTTP " + body.status);
            }
            content = body.bytes;
        } catch (IOException e) {
            throw new GlobalConfException(GlobalConfException.PART_DOWNLOAD_FAILURE,
                    "downloading " + part + " from " + url + " failed: " + e.getMessage(), e);
        }
        part.verifyContent(content);
        previousFiles.put(key, content);
        return content;
    }

    private byte[] persistedCopy(String instance, SignedDirectory.Part part) {
        if (persistTo == null || part.instance() == null) {
            return null;
        }
        try {
            Path file = DirectoryLayout.instanceDirectory(persistTo, part.instance()).resolve(fileName(part));
            if (Files.isRegularFile(file) && Files.size(file) <= maxPartBytes) {
                return Files.readAllBytes(file);
            }
        } catch (IOException | GlobalConfException e) {
            LOG.debug("no usable local copy of {} of {}: {}", part, instance, e.getMessage());
        }
        return null;
    }

    private record Body(int status, byte[] bytes, String contentType, URI url) {
    }

    private Body resolveVersionAndGet(String url) {
        URI base;
        try {
            base = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new GlobalConfException(GlobalConfException.DOWNLOAD_URL_CONNECTION_FAILURE,
                    "invalid download URL " + url, e);
        }
        try {
            if (hasVersionParameter(base)) {
                return requireOk(get(base, maxDirectoryBytes));
            }
            if (fixedVersion != null) {
                return requireOk(get(withVersion(base, fixedVersion), maxDirectoryBytes));
            }
            for (int v = CURRENT_VERSION; v > MINIMUM_VERSION; v--) {
                URI versioned = withVersion(base, v);
                Body body = get(versioned, maxDirectoryBytes);
                if (body.status != 404) {
                    LOG.debug("using global configuration version {} from {}", v, base);
                    return requireOk(body);
                }
            }
            return requireOk(get(withVersion(base, MINIMUM_VERSION), maxDirectoryBytes));
        } catch (IOException e) {
            throw new GlobalConfException(GlobalConfException.DOWNLOAD_URL_CONNECTION_FAILURE,
                    "cannot download " + base + ": " + e.getMessage(), e);
        }
    }

    private static Body requireOk(Body body) {
        if (body.status != 200) {
            throw new GlobalConfException(GlobalConfException.DOWNLOAD_URL_CONNECTION_FAILURE,
                    "downloading " + body.url + " gave HTTP " + body.status);
        }
        return body;
    }

    private Body get(URI url, long max) throws IOException {
        HttpRequest request = HttpRequest.builder().method("GET").uri(url).build();
        try (HttpResponse response = transport.execute(request)) {
            if (response.status() != 200) {
                return new Body(response.status(), new byte[0], null, url);
            }
            byte[] bytes;
            try {
                bytes = response.body().bytes(max);
            } catch (io.luotsi.core.ProtocolException e) {
                throw new GlobalConfException(GlobalConfException.PARSING_FAILURE,
                        url + ": " + e.getMessage(), e);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            return new Body(200, bytes, response.body().contentType(), url);
        } catch (RuntimeException e) {
            if (e instanceof GlobalConfException g) {
                throw g;
            }
            throw new IOException(e.getMessage(), e);
        }
    }

    static boolean hasVersionParameter(URI uri) {
        String q = uri.getRawQuery();
        if (q == null) {
            return false;
        }
        for (String p : q.split("&")) {
            if (p.equals("version") || p.startsWith("version=")) {
                return true;
            }
        }
        return false;
    }

    static URI withVersion(URI uri, int version) {
        String s = uri.toString();
        int hash = s.indexOf('#');
        String fragment = hash >= 0 ? s.substring(hash) : "";
        String head = hash >= 0 ? s.substring(0, hash) : s;
        String sep = uri.getRawQuery() == null ? (head.endsWith("?") ? "" : "?") : "&";
        return URI.create(head + sep + "version=" + version + fragment);
    }

    private SharedParameters parseShared(SignedDirectory.Part part, byte[] content, SignedDirectory dir) {
        int version = dir.version().orElse(versionFromLocation(part.contentLocation()));
        SharedParameters sp = SharedParametersXml.read(new ByteArrayInputStream(content), version, maxPartBytes);
        if (part.instance() != null && !part.instance().equals(sp.instanceIdentifier())) {
            throw new GlobalConfException(GlobalConfException.PART_INVALID_INSTANCE_IDENTIFIER,
                    "content part " + part + " has invalid instance identifier (expected " + part.instance()
                            + ", but was " + sp.instanceIdentifier() + ")");
        }
        return sp;
    }

    private PrivateParameters parsePrivate(SignedDirectory.Part part, byte[] content) {
        PrivateParameters pp = PrivateParametersXml.read(new ByteArrayInputStream(content), maxPartBytes);
        if (part.instance() != null && !part.instance().equals(pp.instanceIdentifier())) {
            throw new GlobalConfException(GlobalConfException.PART_INVALID_INSTANCE_IDENTIFIER,
                    "content part " + part + " has invalid instance identifier (expected " + part.instance()
                            + ", but was " + pp.instanceIdentifier() + ")");
        }
        return pp;
    }

    private static int versionFromLocation(String location) {
        Matcher m = VERSION_IN_LOCATION.matcher(location);
        if (m.find()) {
            try {
                return Integer.parseInt(m.group(1));
            } catch (NumberFormatException e) {
                return MINIMUM_VERSION;
            }
        }
        return MINIMUM_VERSION;
    }

    private void persist(String ownInstance, Fetched f) {
        if (ownInstance != null) {
            DirectoryLayout.writeInstanceIdentifier(persistTo, ownInstance);
        }
        Integer version = f.directory.version().isPresent() ? f.directory.version().getAsInt() : null;
        for (Map.Entry<SignedDirectory.Part, byte[]> e : f.files.entrySet()) {
            SignedDirectory.Part part = e.getKey();
            if (part.instance() == null) {
                LOG.debug("{} names no instance and is not written to disk", part);
                continue;
            }
            try {
                DirectoryLayout.writeFile(persistTo, part.instance(), fileName(part), e.getValue(),
                        part.contentIdentifier(), f.directory.expiresAt(), version);
            } catch (GlobalConfException ex) {
                LOG.warn("{} is not written to disk: {}", part, ex.getMessage());
            }
        }
    }

    private static String fileName(SignedDirectory.Part part) {
        return switch (part.contentIdentifier()) {
            case SignedDirectory.SHARED_PARAMETERS -> DirectoryLayout.SHARED_PARAMS_FILE;
            case SignedDirectory.PRIVATE_PARAMETERS -> DirectoryLayout.PRIVATE_PARAMS_FILE;
            default -> part.fileName();
        };
    }

    /** Closes the transport if this downloader created it. */
    @Override
    public void close() {
        if (ownsTransport) {
            transport.close();
        }
    }

    /** Builds a {@link GlobalConfDownloader}; the anchor is required. */
    public static final class Builder {
        private ConfigurationAnchor anchor;
        private HttpTransport transport;
        private Clock clock = Clock.systemUTC();
        private Path persistTo;
        private final Set<String> allowedFederations = new LinkedHashSet<>();
        private boolean allFederations;
        private boolean preferHttps = true;
        private Random shuffle = new Random();
        private long maxDirectoryBytes = SignedDirectoryVerifier.DEFAULT_MAX_BYTES;
        private long maxPartBytes = SharedParameters.DEFAULT_MAX_BYTES;
        private Integer fixedVersion;

        private Builder() {
        }

        public Builder anchor(ConfigurationAnchor anchor) {
            this.anchor = Objects.requireNonNull(anchor, "anchor");
            return this;
        }

        /**
         * The HTTP transport (e.g. an {@code OkHttpTransport} with TLS trust for the Central Server); by default one
         * is created and closed with the downloader.
         */
        public Builder transport(HttpTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** The clock expiry dates are checked against. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Also writes each verified download to this directory, in the layout a Security Server writes. */
        public Builder persistTo(Path directory) {
            this.persistTo = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Federated instances to download (X-Road's {@code allowed-federations}); none by default. */
        public Builder allowedFederations(Set<String> instances) {
            Objects.requireNonNull(instances, "instances").forEach(i -> allowedFederations.add(
                    Objects.requireNonNull(i, "instance")));
            return this;
        }

        /** Downloads every federated instance the private parameters name (X-Road's {@code all}). */
        public Builder allowAllFederations() {
            this.allFederations = true;
            return this;
        }

        /** Whether {@code http://} sources are first tried as {@code https://} (default {@code true}, as X-Road). */
        public Builder preferHttps(boolean preferHttps) {
            this.preferHttps = preferHttps;
            return this;
        }

        /** Whether sources are shuffled before they are tried (default {@code true}, as X-Road). */
        public Builder shuffleSources(boolean shuffle) {
            this.shuffle = shuffle ? new Random() : null;
            return this;
        }

        /** Downloads this version only, without probing (X-Road's fixed-version mode). */
        public Builder version(int version) {
            if (version < MINIMUM_VERSION || version > CURRENT_VERSION) {
                throw new IllegalArgumentException("version must be " + MINIMUM_VERSION + " to " + CURRENT_VERSION
                        + ": " + version);
            }
            this.fixedVersion = version;
            return this;
        }

        /** The largest directory (default 4 MiB) and the largest part (default 256 MiB) accepted. */
        public Builder maxBytes(long directory, long part) {
            if (directory < 1 || part < 1) {
                throw new IllegalArgumentException("limits must be positive");
            }
            this.maxDirectoryBytes = directory;
            this.maxPartBytes = part;
            return this;
        }

        public GlobalConfDownloader build() {
            if (anchor == null) {
                throw new IllegalStateException("anchor is required");
            }
            return new GlobalConfDownloader(this);
        }
    }

}
