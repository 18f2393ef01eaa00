package io.luotsi.auth.consent;

import io.luotsi.auth.jws.JwsSigner;
import java.time.Clock;
import java.util.Objects;

/**
 * Signs {@link ConsentReceipt}s as compact JWS (RS256 or ES256 with the signer's chain in {@code x5c}), the way a
 * consent management service issues them to the data subject and the processor. Immutable and thread-safe.
 *
 * <pre>{@code
 * ConsentReceiptIssuer issuer = ConsentReceiptIssuer.builder()
 *     .issuer("https://consent.agency.example")
 *     .signer(JwsSigner.builder().keyMaterial(signingKey).build())
 *     .build();
 * String jws = issuer.issue(issuer.newReceipt()
 *     .jurisdiction("EE").subject(subject).controller(controller).policyUrl(policy)
 *     .processor("EE/GOV/70000001/benefits").service("Housing benefit", purpose)
 *     .validFor(Duration.ofDays(365))
 *     .build());
 * }</pre>
 */
public final class ConsentReceiptIssuer {

    private final String issuer;
    private final JwsSigner signer;
    private final Clock clock;

    private ConsentReceiptIssuer(Builder b) {
        this.issuer = b.issuer;
        this.signer = b.signer;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A receipt builder with {@code iss} and {@code iat} (now, by this issuer's clock) filled in. */
    public ConsentReceipt.Builder newReceipt() {
        return ConsentReceipt.builder().issuer(issuer).issuedAt(clock.instant());
    }

    /**
     * Signs the receipt.
     *
     * @throws IllegalArgumentException when the receipt names another issuer
     */
    public String issue(ConsentReceipt receipt) {
        Objects.requireNonNull(receipt, "receipt");
        if (!issuer.equals(receipt.issuer())) {
            throw new IllegalArgumentException("the receipt names issuer " + receipt.issuer() + ", this issuer is "
                    + issuer);
        }
        return signer.sign(ConsentReceiptJson.write(receipt));
    }

    public String issuer() {
        return issuer;
    }

    @Override
    public String toString() {
        return "ConsentReceiptIssuer[" + issuer + ", " + signer + "]";
    }

    /** Builds a {@link ConsentReceiptIssuer}; the issuer name and the signer are required. */
    public static final class Builder {
        private String issuer;
        private JwsSigner signer;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** {@code iss} of every receipt, e.g. the consent service's URL. */
        public Builder issuer(String issuer) {
            Objects.requireNonNull(issuer, "issuer");
            if (issuer.isBlank()) {
                throw new IllegalArgumentException("issuer is blank");
            }
            this.issuer = issuer;
            return this;
        }

        public Builder signer(JwsSigner signer) {
            this.signer = Objects.requireNonNull(signer, "signer");
            return this;
        }

        /** Where {@code iat} of {@link #newReceipt()} comes from. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public ConsentReceiptIssuer build() {
            if (issuer == null) {
                throw new IllegalStateException("issuer is required");
            }
            if (signer == null) {
                throw new IllegalStateException("signer is required");
            }
            return new ConsentReceiptIssuer(this);
        }
    }
}
