package io.luotsi.xroad.evidence;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import java.time.Instant;

/**
 * The JSON form of an {@link EvidenceRecord}, one line of a {@link JsonLinesEvidenceStore}. Identifiers are written
 * part by part (never as joined text, which legacy identifiers with '/' would make ambiguous).
 */
record EvidenceJson(Integer v, Instant time, String messageId, String requestId, Id client, Id service,
                    DigestJson requestDigest, DigestJson responseDigest, ReceiptJson requestHash) {

    static final int VERSION = 1;

    record Id(String xRoadInstance, String memberClass, String memberCode, String subsystemCode, String serviceCode,
              String serviceVersion) {
    }

    record DigestJson(String algorithmId, String value) {
    }

    record ReceiptJson(String protocol, String algorithmId, String value) {
    }

    static EvidenceJson from(EvidenceRecord r) {
        ClientId c = r.client();
        ServiceId s = r.service();
        ClientId p = s.provider();
        return new EvidenceJson(VERSION, r.time(), r.messageId(), r.requestId(),
                new Id(c.xRoadInstance(), c.memberClass(), c.memberCode(), c.subsystemCode(), null, null),
                new Id(p.xRoadInstance(), p.memberClass(), p.memberCode(), p.subsystemCode(), s.serviceCode(),
                        s.serviceVersion()),
                digest(r.requestDigest()), digest(r.responseDigest()),
                r.requestHash() == null ? null : new ReceiptJson(r.requestHash().protocol().name(),
                        r.requestHash().algorithmId(), r.requestHash().value()));
    }

    /** @throws IllegalArgumentException or NullPointerException when a field is missing or invalid */
    EvidenceRecord toRecord() {
        if (v == null || v != VERSION) {
            throw new IllegalArgumentException("unknown record version " + v);
        }
        if (client == null || service == null) {
            throw new IllegalArgumentException("no client or service");
        }
        ClientId c = new ClientId(client.xRoadInstance(), client.memberClass(), client.memberCode(),
                client.subsystemCode());
        ServiceId s = new ServiceId(new ClientId(service.xRoadInstance(), service.memberClass(), service.memberCode(),
                service.subsystemCode()), service.serviceCode(), service.serviceVersion());
        return new EvidenceRecord(time, messageId, requestId, c, s, digest(requestDigest), digest(responseDigest),
                requestHash == null ? null : new RequestHashReceipt(
                        RequestHashReceipt.Protocol.valueOf(requestHash.protocol()), requestHash.algorithmId(),
                        requestHash.value()));
    }

    private static DigestJson digest(Digest d) {
        return d == null ? null : new DigestJson(d.algorithmId(), d.value());
    }

    private static Digest digest(DigestJson d) {
        return d == null ? null : new Digest(d.algorithmId(), d.value());
    }
}
