package io.luotsi.testkit;

/**
 * How a client's information system must connect to the Security Server (X-Road's {@code IsAuthentication}, the
 * "connection type" of a client in the Security Server UI).
 */
public enum ConnectionType {
    /** Plain HTTP or HTTPS, no client certificate needed ({@code NOSSL}). */
    HTTP,
    /** HTTPS required, any client certificate or none ({@code SSLNOAUTH}). */
    HTTPS_NO_AUTH,
    /** HTTPS with a client certificate registered for the client ({@code SSLAUTH}). */
    HTTPS
}
