package io.luotsi.xroad.metaservice;

import java.util.Locale;

/** The kind of a service as X-Road registers it. */
public enum ServiceType {
    /** A SOAP service described by a WSDL. */
    WSDL,
    /** A REST service without a description. */
    REST,
    /** A REST service described by an OpenAPI 3 document. */
    OPENAPI;

    /** Parses {@code service_type} ({@code REST}, {@code OPENAPI}, also {@code OPENAPI3} and {@code WSDL}). */
    public static ServiceType parse(String text) {
        if (text == null) {
            return REST;
        }
        return switch (text.trim().toUpperCase(Locale.ROOT)) {
            case "OPENAPI", "OPENAPI3" -> OPENAPI;
            case "WSDL" -> WSDL;
            default -> REST;
        };
    }
}
