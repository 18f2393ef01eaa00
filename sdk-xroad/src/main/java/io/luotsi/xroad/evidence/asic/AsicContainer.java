package io.luotsi.xroad.evidence.asic;

import io.luotsi.auth.xades.XadesSignature;
import io.luotsi.auth.xades.XadesVerificationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * An ASiC-E container of an X-Road Security Server's message log, read as X-Road reads one ({@code AsicContainer},
 * {@code AsicHelper}): its entries by name, attachments by their SHA-512 digest, and X-Road's structural checks.
 *
 * <pre>{@code
 * AsicContainer asic = AsicContainer.read(Path.of("1234-request-Q7RH.asice"));
 * byte[] message = asic.message();                       // message.xml: the SOAP message or the REST header part
 * asic.attachmentNames();                                // [attachment1, ...]
 * }</pre>
 *
 * <p>The zip is read in order, entry by entry ({@link ZipInputStream}, local headers, as X-Road does). Entries X-Road
 * knows ({@code mimetype}, {@code message.xml}, {@code META-INF/signatures.xml} and other names matching
 * {@code META-INF/.*signatures.*\.xml}, {@code sig-hashchain.xml}, {@code sig-hashchainresult.xml},
 * {@code ts-hashchain.xml}, {@code ts-hashchainresult.xml}, {@code META-INF/manifest.xml},
 * {@code META-INF/ASiCManifest.xml}, {@code META-INF/timestamp.tst}; names compared ignoring case, kept as written)
 * are held in memory, text entries as X-Road holds them (decoded as UTF-8 and encoded again); entries named
 * {@code attachment*} are only digested; anything else is skipped. The structural checks and their codes are X-Road's:
 * {@code asic_mime_type_not_found}, {@code asic_invalid_mime_type} (also for a change of letter case, which X-Road lets
 * pass), {@code asic_message_not_found},
 * {@code asic_signature_not_found}, {@code asic_hash_chain_result_not_found}, {@code asic_hash_chain_not_found},
 * {@code asic_timestamp_not_found}, {@code asic_manifest_not_found}; like X-Road, reading also finds the time-stamp in
 * the signature when the container has no {@code META-INF/timestamp.tst}, so a signature that does not parse fails
 * here ({@code invalid_xml}, {@code malformed_signature}). A zip that cannot be read is {@code io_error}; one over the
 * limits (entries, sizes) is {@code asic_invalid_container}.
 *
 * <p>Immutable.
 */
public final class AsicContainer {

    /** The container's MIME type, the content of its {@code mimetype} entry. */
    public static final String MIMETYPE = "application/vnd.etsi.asic-e+zip";
    public static final String ENTRY_MIMETYPE = "mimetype";
    public static final String ENTRY_MESSAGE = "message.xml";
    public static final String ENTRY_SIGNATURE = "META-INF/signatures.xml";
    public static final String ENTRY_SIG_HASH_CHAIN_RESULT = "sig-hashchainresult.xml";
    public static final String ENTRY_SIG_HASH_CHAIN = "sig-hashchain.xml";
    public static final String ENTRY_TS_HASH_CHAIN_RESULT = "ts-hashchainresult.xml";
    public static final String ENTRY_TS_HASH_CHAIN = "ts-hashchain.xml";
    public static final String ENTRY_MANIFEST = "META-INF/manifest.xml";
    public static final String ENTRY_ASIC_MANIFEST = "META-INF/ASiCManifest.xml";
    public static final String ENTRY_TIMESTAMP = "META-INF/timestamp.tst";
    /** The prefix of attachment entries: {@code attachment1}, {@code attachment2}, ... */
    public static final String ENTRY_ATTACHMENT = "attachment";

    /** The most entries a container may have. */
    static final int MAX_ENTRIES = 10_000;
    /** The largest entry held in memory. */
    static final long MAX_ENTRY_BYTES = 64L * 1024 * 1024;
    /** The most uncompressed bytes read from one container (attachments included). */
    static final long MAX_TOTAL_BYTES = 4L * 1024 * 1024 * 1024;

    private static final String[] KNOWN = {ENTRY_MIMETYPE, ENTRY_MESSAGE, null, ENTRY_SIG_HASH_CHAIN_RESULT,
        ENTRY_SIG_HASH_CHAIN, ENTRY_TS_HASH_CHAIN_RESULT, ENTRY_TS_HASH_CHAIN, ENTRY_MANIFEST, ENTRY_ASIC_MANIFEST,
        ENTRY_TIMESTAMP};
    private static final Pattern SIGNATURE_PATTERN = Pattern.compile("META-INF/.*signatures.*\\.xml");

    private final Map<String, byte[]> entries;
    private final Map<String, String> texts;
    private final Map<String, byte[]> attachmentDigests;
    private final XadesSignature signature;

    private AsicContainer(Map<String, byte[]> entries, Map<String, String> texts,
                          Map<String, byte[]> attachmentDigests) {
        this.entries = entries;
        this.texts = texts;
        this.attachmentDigests = attachmentDigests;
        this.signature = verifyContents();
    }

    /**
     * Reads a container.
     *
     * @throws AsicVerificationException with X-Road's structural code (see the class comment)
     */
    public static AsicContainer read(byte[] zip) {
        Objects.requireNonNull(zip, "zip");
        return read(new ByteArrayInputStream(zip));
    }

    /** Reads a container from a file. */
    public static AsicContainer read(Path file) {
        Objects.requireNonNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new AsicVerificationException("io_error", "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a container from a stream (not closed). */
    public static AsicContainer read(InputStream in) {
        Objects.requireNonNull(in, "in");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Map<String, String> texts = new LinkedHashMap<>();
        Map<String, byte[]> digests = new LinkedHashMap<>();
        ZipInputStream zip = new ZipInputStream(in);
        long total = 0;
        int count = 0;
        byte[] buffer = new byte[8192];
        try {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (++count > MAX_ENTRIES) {
                    throw invalid("the container has more than " + MAX_ENTRIES + " entries");
                }
                String name = e.getName();
                if (isKnown(name)) {
                    byte[] data = readEntry(zip, name, buffer);
                    total += data.length;
                    if (ENTRY_TIMESTAMP.equalsIgnoreCase(name)) {
                        entries.put(name, data);
                    } else {
                        String text = new String(data, StandardCharsets.UTF_8);
                        texts.put(name, text);
                        entries.put(name, text.getBytes(StandardCharsets.UTF_8));
                    }
                } else if (name.startsWith(ENTRY_ATTACHMENT)) {
                    MessageDigest digest = sha512();
                    int n;
                    while ((n = zip.read(buffer)) > 0) {
                        digest.update(buffer, 0, n);
                        total += n;
                        if (total > MAX_TOTAL_BYTES) {
                            throw invalid("the container holds more than " + MAX_TOTAL_BYTES + " bytes");
                        }
                    }
                    digests.put(name, digest.digest());
                }
                if (total > MAX_TOTAL_BYTES) {
                    throw invalid("the container holds more than " + MAX_TOTAL_BYTES + " bytes");
                }
            }
        } catch (IOException | IllegalArgumentException ex) {
            throw new AsicVerificationException("io_error", "the container cannot be read as a zip: "
                    + ex.getMessage(), ex);
        }
        return new AsicContainer(entries, texts, digests);
    }

    private static boolean isKnown(String name) {
        for (String known : KNOWN) {
            if (known == null ? SIGNATURE_PATTERN.matcher(name).matches() : known.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] readEntry(ZipInputStream zip, String name, byte[] buffer) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int n;
        while ((n = zip.read(buffer)) > 0) {
            if (out.size() + (long) n > MAX_ENTRY_BYTES) {
                throw invalid("the entry " + name + " is larger than " + MAX_ENTRY_BYTES + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static AsicVerificationException invalid(String message) {
        return new AsicVerificationException("asic_invalid_container", message);
    }

    static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK provides SHA-512", e);
        }
    }

    /** X-Road's {@code AsicContainer.verifyContents}, in its order; returns the signature it had to parse, if any. */
    private XadesSignature verifyContents() {
        String mimetype = texts.get(ENTRY_MIMETYPE);
        if (isBlank(mimetype)) {
            throw notFound("asic_mime_type_not_found", ENTRY_MIMETYPE);
        }
        // X-Road compares ignoring case; ASiC (ETSI EN 319 162-1) and every container X-Road writes have exactly
        // MIMETYPE, so a change of case is refused too, keeping every byte of a written container tamper-evident.
        if (!MIMETYPE.equals(mimetype)) {
            throw new AsicVerificationException("asic_invalid_mime_type", "Invalid mime type: " + mimetype);
        }
        if (isBlank(texts.get(ENTRY_MESSAGE))) {
            throw notFound("asic_message_not_found", ENTRY_MESSAGE);
        }
        if (isBlank(texts.get(ENTRY_SIGNATURE))) {
            throw notFound("asic_signature_not_found", ENTRY_SIGNATURE);
        }
        verifyHashChainEntries(ENTRY_SIG_HASH_CHAIN_RESULT, ENTRY_SIG_HASH_CHAIN);

        XadesSignature parsed = null;
        boolean timestampBlank;
        if (entries.containsKey(ENTRY_TIMESTAMP)) {
            timestampBlank = entries.get(ENTRY_TIMESTAMP).length == 0;
        } else {
            try {
                parsed = XadesSignature.parse(entries.get(ENTRY_SIGNATURE));
                Optional<byte[]> ts = parsed.timestamp();
                if (ts.isEmpty()) {
                    throw new AsicVerificationException("malformed_signature",
                            "Could not find element \"xades:EncapsulatedTimeStamp\"");
                }
                timestampBlank = ts.get().length == 0;
            } catch (XadesVerificationException e) {
                throw new AsicVerificationException(e.code(), e.getMessage(), e);
            }
        }
        if (timestampBlank) {
            throw notFound("asic_timestamp_not_found", ENTRY_TIMESTAMP);
        }
        verifyHashChainEntries(ENTRY_TS_HASH_CHAIN_RESULT, ENTRY_TS_HASH_CHAIN);
        if (texts.containsKey(ENTRY_MANIFEST) && isBlank(texts.get(ENTRY_MANIFEST))) {
            throw notFound("asic_manifest_not_found", ENTRY_MANIFEST);
        }
        if (texts.containsKey(ENTRY_ASIC_MANIFEST) && isBlank(texts.get(ENTRY_ASIC_MANIFEST))) {
            throw notFound("asic_manifest_not_found", ENTRY_ASIC_MANIFEST);
        }
        return parsed;
    }

    private void verifyHashChainEntries(String resultName, String chainName) {
        String result = texts.get(resultName);
        String chain = texts.get(chainName);
        if (isBlank(result) && isBlank(chain)) {
            return;
        }
        if (isBlank(result)) {
            throw notFound("asic_hash_chain_result_not_found", resultName);
        }
        if (isBlank(chain)) {
            throw notFound("asic_hash_chain_not_found", chainName);
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static AsicVerificationException notFound(String code, String entry) {
        return new AsicVerificationException(code, entry + " not found or is empty");
    }

    /** {@code message.xml}: the SOAP message, or for REST the header part ({@code VERB\r\n/r1/...} or status). */
    public byte[] message() {
        return entries.get(ENTRY_MESSAGE).clone();
    }

    /** {@code META-INF/signatures.xml}: the XAdES signature. */
    public byte[] signatures() {
        return entries.get(ENTRY_SIGNATURE).clone();
    }

    /** A known entry by its name (with or without a leading slash), as X-Road holds it. */
    public Optional<byte[]> entry(String name) {
        byte[] b = entries.get(stripSlash(Objects.requireNonNull(name, "name")));
        return b == null ? Optional.empty() : Optional.of(b.clone());
    }

    /** The names of the known entries read, in zip order. */
    public Set<String> entryNames() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    /** The names of the attachment entries, in zip order. */
    public Set<String> attachmentNames() {
        return Collections.unmodifiableSet(attachmentDigests.keySet());
    }

    /** The SHA-512 digest of an attachment (name with or without a leading slash). */
    public Optional<byte[]> attachmentDigest(String name) {
        byte[] d = attachmentDigests.get(stripSlash(Objects.requireNonNull(name, "name")));
        return d == null ? Optional.empty() : Optional.of(d.clone());
    }

    /** Whether the signature is a batch signature: the container has {@code sig-hashchainresult.xml}. */
    public boolean hasBatchSignature() {
        return entries.containsKey(ENTRY_SIG_HASH_CHAIN_RESULT);
    }

    /** Whether the time-stamp is a batch time-stamp: the container has {@code ts-hashchainresult.xml}. */
    public boolean hasBatchTimestamp() {
        return entries.containsKey(ENTRY_TS_HASH_CHAIN_RESULT);
    }

    boolean hasEntry(String uri) {
        return entries.containsKey(stripSlash(uri));
    }

    byte[] entryBytes(String uri) {
        return entries.get(stripSlash(uri));
    }

    byte[] attachmentDigestBytes(String uri) {
        return attachmentDigests.get(stripSlash(uri));
    }

    /** The signature, parsed while reading when the time-stamp had to be found in it; else parsed now. */
    XadesSignature parsedSignature() {
        return signature != null ? signature : XadesSignature.parse(entries.get(ENTRY_SIGNATURE));
    }

    static String stripSlash(String name) {
        return name.startsWith("/") ? name.substring(1) : name;
    }

    @Override
    public String toString() {
        return "AsicContainer[" + entries.keySet() + ", attachments " + attachmentDigests.keySet() + "]";
    }
}
