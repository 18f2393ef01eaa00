package io.luotsi.xroad.consent;

import io.luotsi.auth.consent.DataSubject;
import io.luotsi.auth.consent.Purpose;
import io.luotsi.core.ContextKey;

/**
 * The consent values a {@link io.luotsi.core.RequestContext} can carry: set them with the call builders'
 * {@code .purpose(...)} and {@code .dataSubject(...)}, or on a context passed to {@code .context(...)}.
 */
public final class ConsentContextKeys {

    /** Why the request is made. Required when a data subject is set. */
    public static final ContextKey<Purpose> PURPOSE = ContextKey.of("consent.purpose", Purpose.class);

    /** Whom the request is about. Personal data: never logged. */
    public static final ContextKey<DataSubject> DATA_SUBJECT = ContextKey.of("consent.dataSubject",
            DataSubject.class);

    private ConsentContextKeys() {
    }
}
