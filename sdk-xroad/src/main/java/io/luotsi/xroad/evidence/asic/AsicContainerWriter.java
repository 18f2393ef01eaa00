package io.luotsi.xroad.evidence.asic;

import io.luotsi.auth.KeyMaterial;
import io.luotsi.auth.pki.CertificateValidationException;
import io.luotsi.auth.pki.OcspResponse;
import io.luotsi.auth.tsp.TimestampAuthority;
import io.luotsi.auth.xades.ReferencedData;
import io.luotsi.auth.xades.XadesReference;
import io.luotsi.auth.xades.XadesSignature;
import io.luotsi.auth.xades.XadesSigner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes ASiC-E containers in the layout of X-Road's message log, for a Security Server stand-in (the test kit's fake
 * Security Server) that must leave evidence a verifier accepts. Immutable and thread-safe.
 *
 * <pre>{@code
 * AsicContainerWriter writer = AsicContainerWriter.builder()
 *     .signer(memberSigningKey)                  // the member's signing certificate and key
 *     .timestampAuthority(tsa)                   // e.g. a LocalTimestampAuthority
 *     .clock(clock)
 *     .build();
 * byte[] asice = writer.write(messageXml, List.of(attachment), ocspResponseForTheSigningCertificate);
 * }</pre>
 *
 * <p>The container holds {@code mimetype} (first, stored), {@code message.xml}, {@code META-INF/signatures.xml},
 * {@code META-INF/manifest.xml} and {@code attachment1..n}, with the zip comment X-Road writes. The signature is a
 * single (not batch) XAdES signature as an X-Road Security Server makes: SHA-512 references to {@code /message.xml},
 * to each attachment and to the signed properties, the signing certificate, the OCSP response in
 * {@code xades:RevocationValues} and the time-stamp over the signature value in {@code xades:SignatureTimeStamp}.
 * {@link AsicContainerVerifier} accepts what this writes when the global configuration approves the signer's CA (with
 * the certificate profile the signer's certificate follows) and the time-stamping authority, and the OCSP response is
 * fresh at the time-stamp's time. The manifest, as in X-Road, is neither signed nor time-stamped.
 */
public final class AsicContainerWriter {

    private static final String MANIFEST_NS = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0";

    private final KeyMaterial signer;
    private final TimestampAuthority timestampAuthority;
    private final Clock clock;
    private final XadesSigner xades;

    private AsicContainerWriter(Builder b) {
        this.signer = b.signer;
        this.timestampAuthority = b.timestampAuthority;
        this.clock = b.clock;
        this.xades = XadesSigner.builder().keyMaterial(signer).clock(clock).digestAlgorithm("SHA-512").build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Signs, time-stamps and writes a container.
     *
     * @param messageXml   the SOAP message, or for REST the header part X-Road logs
     * @param attachments  SOAP attachments in order, or for REST the body as the only one
     * @param ocspResponse a DER OCSP response about the signing certificate
     * @return the container
     * @throws IllegalArgumentException when the message is empty or the OCSP response cannot be read
     */
    public byte[] write(byte[] messageXml, List<byte[]> attachments, byte[] ocspResponse) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(messageXml, attachments, ocspResponse, out);
        return out.toByteArray();
    }

    /** As {@link #write(byte[], List, byte[])}, to a stream (not closed). */
    public void write(byte[] messageXml, List<byte[]> attachments, byte[] ocspResponse, OutputStream out) {
        Objects.requireNonNull(messageXml, "messageXml");
        Objects.requireNonNull(attachments, "attachments");
        Objects.requireNonNull(ocspResponse, "ocspResponse");
        Objects.requireNonNull(out, "out");
        if (messageXml.length == 0 || new String(messageXml, StandardCharsets.UTF_8).isBlank()) {
            throw new IllegalArgumentException("message.xml must not be empty");
        }
        try {
            OcspResponse.parse(ocspResponse);
        } catch (CertificateValidationException e) {
            throw new IllegalArgumentException("the OCSP response cannot be read: " + e.getMessage(), e);
        }
        List<XadesReference> references = new ArrayList<>();
        references.add(XadesReference.of(SignatureCheck.MESSAGE, messageXml, "text/xml"));
        for (int i = 0; i < attachments.size(); i++) {
            byte[] attachment = Objects.requireNonNull(attachments.get(i), "attachments element");
            references.add(new XadesReference("/" + AsicContainer.ENTRY_ATTACHMENT + (i + 1),
                    ReferencedData.digest(AsicContainer.sha512().digest(attachment)), "application/octet-stream"));
        }
        XadesSignature signature = xades.sign(references, timestampAuthority, List.of(ocspResponse));

        long time = clock.millis();
        try {
            ZipOutputStream zip = new ZipOutputStream(nonClosing(out), StandardCharsets.UTF_8);
            zip.setComment("mimetype=" + AsicContainer.MIMETYPE);
            stored(zip, AsicContainer.ENTRY_MIMETYPE, AsicContainer.MIMETYPE.getBytes(StandardCharsets.US_ASCII),
                    time);
            deflated(zip, AsicContainer.ENTRY_MESSAGE, messageXml, time);
            deflated(zip, AsicContainer.ENTRY_SIGNATURE, signature.encoded(), time);
            deflated(zip, AsicContainer.ENTRY_MANIFEST, manifest(attachments.size()), time);
            for (int i = 0; i < attachments.size(); i++) {
                deflated(zip, AsicContainer.ENTRY_ATTACHMENT + (i + 1), attachments.get(i), time);
            }
            zip.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the container", e);
        }
    }

    private static byte[] manifest(int attachments) {
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<manifest:manifest xmlns:manifest=\"").append(MANIFEST_NS)
                .append("\" manifest:version=\"1.2\">\n")
                .append("    <manifest:file-entry manifest:media-type=\"").append(AsicContainer.MIMETYPE)
                .append("\" manifest:full-path=\"/\"/>\n")
                .append("    <manifest:file-entry manifest:media-type=\"text/xml\" manifest:full-path=\"")
                .append(AsicContainer.ENTRY_MESSAGE).append("\"/>\n");
        for (int i = 1; i <= attachments; i++) {
            sb.append("    <manifest:file-entry manifest:media-type=\"application/octet-stream\" ")
                    .append("manifest:full-path=\"").append(AsicContainer.ENTRY_ATTACHMENT).append(i).append("\"/>\n");
        }
        sb.append("</manifest:manifest>\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void stored(ZipOutputStream zip, String name, byte[] data, long time) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        e.setLastModifiedTime(FileTime.fromMillis(time));
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    private static void deflated(ZipOutputStream zip, String name, byte[] data, long time) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setLastModifiedTime(FileTime.fromMillis(time));
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    @Override
    public String toString() {
        return "AsicContainerWriter[" + signer.certificate().getSubjectX500Principal().getName() + "]";
    }

    /** Builds an {@link AsicContainerWriter}; the signer and the time-stamping authority are required. */
    public static final class Builder {
        private KeyMaterial signer;
        private TimestampAuthority timestampAuthority;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The member's signing key and certificate (non-repudiation key usage, issued by an approved CA). */
        public Builder signer(KeyMaterial signer) {
            this.signer = Objects.requireNonNull(signer, "signer");
            return this;
        }

        /** Time-stamps each signature value. */
        public Builder timestampAuthority(TimestampAuthority timestampAuthority) {
            this.timestampAuthority = Objects.requireNonNull(timestampAuthority, "timestampAuthority");
            return this;
        }

        /** The signing time and the entries' modification time; the system clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @throws IllegalStateException without a signer or a time-stamping authority */
        public AsicContainerWriter build() {
            if (signer == null) {
                throw new IllegalStateException("signer is required");
            }
            if (timestampAuthority == null) {
                throw new IllegalStateException("timestampAuthority is required");
            }
            return new AsicContainerWriter(this);
        }
    }
}
