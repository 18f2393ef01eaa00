package io.luotsi.xroad;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A service of a provider: {@code SERVICE:EE/GOV/70006317/consent/getConsentReferences}, for SOAP optionally with a
 * version ({@code …/getState/v1}). REST services have no version and must belong to a subsystem.
 *
 * <pre>{@code
 * ServiceId persons = ServiceId.parse("FI/GOV/0245437-2/registry/persons");
 * ServiceId soap = ClientId.parse("EE/GOV/1234/sub").service("getState").withVersion("v1");
 * }</pre>
 *
 * @param provider       the member or subsystem that provides the service
 * @param serviceCode    the service code
 * @param serviceVersion the SOAP service version, or {@code null}
 */
public record ServiceId(ClientId provider, String serviceCode, String serviceVersion) implements XRoadId {

    public ServiceId {
        Objects.requireNonNull(provider, "provider");
        IdentifierRules.requireValue(serviceCode, "serviceCode");
        IdentifierRules.optionalValue(serviceVersion, "serviceVersion");
    }

    /** A service of a subsystem, strict characters. */
    public static ServiceId of(String xRoadInstance, String memberClass, String memberCode, String subsystemCode,
                               String serviceCode) {
        return new ServiceId(ClientId.subsystem(xRoadInstance, memberClass, memberCode, subsystemCode),
                IdentifierRules.requireStrict(serviceCode, "serviceCode"), null);
    }

    /**
     * Parses {@code SERVICE:…} or the bare parts: 4 parts are a member's service ({@code I/C/M/code}), 5 a subsystem's
     * ({@code I/C/M/S/code}), 6 a subsystem's with version ({@code I/C/M/S/code/version}). Lenient about characters,
     * no percent-decoding. A member's service with a version has no unambiguous text form ({@code I/C/M/code/version}
     * reads as the 5-part subsystem form): build it with {@link #withVersion(String)} or read it from XML.
     */
    public static ServiceId parse(String text) {
        Objects.requireNonNull(text, "text");
        XRoadObjectType declared = IdParts.declaredType(text, "service", XRoadObjectType.SERVICE);
        return fromParts(IdParts.split(IdParts.body(text, declared), false), text);
    }

    /** Parses the REST header form ({@code X-Road-Service}, 5 parts), each part percent-decoded. */
    public static ServiceId parseEncoded(String text) {
        Objects.requireNonNull(text, "text");
        return fromParts(IdParts.split(text, true), text);
    }

    private static ServiceId fromParts(List<String> p, String text) {
        try {
            return switch (p.size()) {
                case 4 -> new ServiceId(new ClientId(p.get(0), p.get(1), p.get(2), null), p.get(3), null);
                case 5 -> new ServiceId(new ClientId(p.get(0), p.get(1), p.get(2), p.get(3)), p.get(4), null);
                case 6 -> new ServiceId(new ClientId(p.get(0), p.get(1), p.get(2), p.get(3)), p.get(4), p.get(5));
                default -> throw new IllegalArgumentException("a service id has 4 to 6 parts "
                        + "(INSTANCE/CLASS/MEMBER[/SUBSYSTEM]/CODE[/VERSION]), got " + p.size());
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ": " + text, e);
        }
    }

    public ServiceId withVersion(String version) {
        return new ServiceId(provider, serviceCode, version);
    }

    public ServiceId withoutVersion() {
        return serviceVersion == null ? this : new ServiceId(provider, serviceCode, null);
    }

    public Optional<String> version() {
        return Optional.ofNullable(serviceVersion);
    }

    public String xRoadInstance() {
        return provider.xRoadInstance();
    }

    @Override
    public XRoadObjectType objectType() {
        return XRoadObjectType.SERVICE;
    }

    @Override
    public List<String> parts() {
        List<String> p = new ArrayList<>(provider.parts());
        p.add(serviceCode);
        if (serviceVersion != null) {
            p.add(serviceVersion);
        }
        return List.copyOf(p);
    }

    @Override
    public String toString() {
        return "SERVICE:" + toShortString();
    }
}
