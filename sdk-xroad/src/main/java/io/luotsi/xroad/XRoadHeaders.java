package io.luotsi.xroad;

/** Names of the X-Road REST headers (PR-REST 1.0.4). Header names are case-insensitive on the wire. */
public final class XRoadHeaders {

    public static final String CLIENT = "X-Road-Client";
    public static final String SERVICE = "X-Road-Service";
    public static final String ID = "X-Road-Id";
    public static final String USER_ID = "X-Road-UserId";
    public static final String ISSUE = "X-Road-Issue";
    public static final String SECURITY_SERVER = "X-Road-Security-Server";
    public static final String REPRESENTED_PARTY = "X-Road-Represented-Party";
    public static final String REQUEST_ID = "X-Road-Request-Id";
    public static final String REQUEST_HASH = "X-Road-Request-Hash";
    public static final String ERROR = "X-Road-Error";

    private XRoadHeaders() {
    }
}
