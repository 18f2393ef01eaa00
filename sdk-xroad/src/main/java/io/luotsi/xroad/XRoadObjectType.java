package io.luotsi.xroad;

/** The {@code id:objectType} of an X-Road identifier. Case-sensitive on the wire. */
public enum XRoadObjectType {
    MEMBER, SUBSYSTEM, SERVER, GLOBALGROUP, LOCALGROUP, SERVICE
}
