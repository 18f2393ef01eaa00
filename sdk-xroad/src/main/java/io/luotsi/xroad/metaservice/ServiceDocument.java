package io.luotsi.xroad.metaservice;

import io.luotsi.xroad.ServiceId;

/**
 * The published description of a service, as its provider's Security Server hands it out: the OpenAPI document of a
 * REST service ({@code getOpenAPI}) or the WSDL of a SOAP service ({@code getWsdl}). {@code Directory.document(...)}
 * returns the one that fits the service's type.
 *
 * <pre>{@code
 * switch (directory.document(service).orElseThrow()) {
 *     case OpenApiDocument api -> api.serverUrls();
 *     case WsdlDocument wsdl -> wsdl.operations();
 * }
 * }</pre>
 */
public sealed interface ServiceDocument permits OpenApiDocument, WsdlDocument {

    /** The service described. */
    ServiceId service();

    /** {@link ServiceType#OPENAPI} or {@link ServiceType#WSDL}. */
    ServiceType type();

    /** The document as received. */
    byte[] bytes();

    /** The content type it came with, or {@code null}. */
    String contentType();

    /** The document as text, in the charset its content type names (UTF-8 otherwise). */
    String text();
}
