package io.luotsi.testkit;

/** How a service is described on its Security Server (X-Road's {@code DescriptionType}). */
public enum ServiceType {
    /** A REST service added by URL. */
    REST,
    /** A REST service described by an OpenAPI 3 document. */
    OPENAPI3,
    /** A SOAP service described by a WSDL; calling it over REST gives {@code server.serverproxy.service_type}. */
    WSDL
}
