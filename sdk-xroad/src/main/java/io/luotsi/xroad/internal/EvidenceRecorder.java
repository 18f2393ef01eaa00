package io.luotsi.xroad.internal;

import io.luotsi.core.ConfigurationException;
import io.luotsi.core.http.RequestBody;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.evidence.Digest;
import io.luotsi.xroad.evidence.EvidenceRecord;
import io.luotsi.xroad.evidence.RequestHashReceipt;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;

/**
 * Records one call's exchange in the client's evidence store: digests the REST request body as it is written (every
 * attempt starts over), and appends the {@link EvidenceRecord} once a response has come back. A store failure is a
 * {@link ConfigurationException}: the exchange happened, but the caller asked for evidence and does not get it.
 */
public final class EvidenceRecorder {

    private final ClientRuntime runtime;
    private final ServiceId service;
    private final String messageId;
    private final Clock clock;
    private final RequestBody body;
    private volatile byte[] bodyDigest;

    public EvidenceRecorder(ClientRuntime runtime, ServiceId service, String messageId, Clock clock,
                            RequestBody body) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.service = Objects.requireNonNull(service, "service");
        this.messageId = Objects.requireNonNull(messageId, "messageId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.body = body == null ? null : new Digesting(body);
    }

    /** The body to send in place of the caller's: the same bytes, digested on the way out; {@code null} for none. */
    public RequestBody body() {
        return body;
    }

    /** Records a REST exchange: the body's digest and {@code X-Road-Request-Hash} as an opaque receipt. */
    public void record(String requestId, String restRequestHash) {
        byte[] d = bodyDigest;
        record(requestId, d == null ? null : new Digest(Digest.SHA512, Base64.getEncoder().encodeToString(d)), null,
                restRequestHash == null ? null : RequestHashReceipt.rest(restRequestHash));
    }

    /** Records an exchange with the given digests and receipt (any of them may be {@code null}). */
    public void record(String requestId, Digest requestDigest, Digest responseDigest, RequestHashReceipt receipt) {
        EvidenceRecord record = EvidenceRecord.builder().time(clock.instant()).messageId(messageId)
                .requestId(requestId).client(runtime.clientId()).service(service)
                .requestDigest(requestDigest).responseDigest(responseDigest).requestHash(receipt).build();
        try {
            runtime.evidence().append(record);
        } catch (RuntimeException e) {
            throw new ConfigurationException("could not record the evidence of message " + messageId + " to "
                    + service.toShortString() + ": " + e.getMessage(), e);
        }
    }

    /** The caller's body, digested with SHA-512 as it is written. */
    private final class Digesting extends RequestBody {
        private final RequestBody delegate;

        Digesting(RequestBody delegate) {
            this.delegate = delegate;
        }

        @Override
        public String contentType() {
            return delegate.contentType();
        }

        @Override
        public long contentLength() {
            return delegate.contentLength();
        }

        @Override
        public boolean isOneShot() {
            return delegate.isOneShot();
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            MessageDigest md;
            try {
                md = MessageDigest.getInstance("SHA-512");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-512 is missing from this JVM", e);
            }
            DigestOutputStream d = new DigestOutputStream(out, md);
            delegate.writeTo(d);
            d.flush();
            bodyDigest = md.digest();
        }
    }
}
