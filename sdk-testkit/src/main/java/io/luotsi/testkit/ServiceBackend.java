package io.luotsi.testkit;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What stands behind a service: a Java handler, declarative stubs, or a real provider on this machine to which the
 * fake forwards as a provider's Security Server would. REST services use {@link Handler} and {@link Stubs}, SOAP
 * (WSDL) services {@link SoapHandler} and {@link SoapStub}; both may {@link Forward}.
 */
public sealed interface ServiceBackend {

    /** No backend: every call is answered 404 by the "provider" and counts as unmatched. */
    static ServiceBackend none() {
        return new Stubs(List.of());
    }

    /** A provider service written in Java. */
    record Handler(FakeRestHandler handler) implements ServiceBackend {
        public Handler {
            Objects.requireNonNull(handler, "handler");
        }
    }

    /** Declarative answers, tried in order. */
    record Stubs(List<RestStub> stubs) implements ServiceBackend {
        public Stubs {
            stubs = List.copyOf(stubs);
        }
    }

    /** A SOAP provider service written in Java (WSDL services). */
    record SoapHandler(FakeSoapHandler handler) implements ServiceBackend {
        public SoapHandler {
            Objects.requireNonNull(handler, "handler");
        }
    }

    /** One declarative SOAP answer for every request (WSDL services). */
    record SoapStub(FakeSoapResponse response) implements ServiceBackend {
        public SoapStub {
            Objects.requireNonNull(response, "response");
        }
    }

    /**
     * A real provider: requests go to {@code baseUrl} + service path + {@code ?query}, as X-Road concatenates a
     * service address. Only loopback hosts ({@code localhost}, {@code 127.x.x.x}, {@code ::1}) are contacted; any
     * other host is answered as unresolvable ({@code server.serverproxy.unknown_host}) so tests never leave the
     * machine.
     */
    record Forward(URI baseUrl) implements ServiceBackend { // for SOAP: the service's full address
        public Forward {
            Objects.requireNonNull(baseUrl, "baseUrl");
            String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || baseUrl.getHost() == null) {
                throw new IllegalArgumentException("provider URL must be http(s)://host[:port][/path]: " + baseUrl);
            }
            if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
                throw new IllegalArgumentException("provider URL must not have a query or fragment: " + baseUrl);
            }
        }
    }
}
