package io.luotsi.xroad.soap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** X-Road's SOAP fixtures, copied into the test resources with their MIT notice. */
final class Fixtures {

    static final String TEXT_XML = "text/xml; charset=UTF-8";

    private Fixtures() {
    }

    /** A file of the shared corpus ({@code xroad/soap/}). */
    static byte[] bytes(String name) {
        return resource("/xroad/soap/" + name);
    }

    /** A file of {@code xroad/soap-extra/} (further X-Road fixtures). */
    static byte[] extra(String name) {
        return resource("/xroad/soap-extra/" + name);
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    static byte[] resource(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SoapMessage message(String name) {
        return (SoapMessage) SoapEnvelopeReader.create().read(bytes(name), TEXT_XML);
    }

    static SoapMessage message(byte[] xml) {
        return (SoapMessage) SoapEnvelopeReader.create().read(xml, TEXT_XML);
    }

    static SoapEnvelope read(String xml) {
        return SoapEnvelopeReader.create().read(xml.getBytes(StandardCharsets.UTF_8), TEXT_XML);
    }

    /** A request in X-Road's test style with the given header lines and body element. */
    static String request(String headerLines, String body) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\"\n"
                + "        xmlns:xroad=\"http://x-road.eu/xsd/xroad.xsd\"\n"
                + "        xmlns:id=\"http://x-road.eu/xsd/identifiers\">\n"
                + "    <SOAP-ENV:Header>\n" + headerLines + "    </SOAP-ENV:Header>\n"
                + "    <SOAP-ENV:Body>\n        " + body + "\n    </SOAP-ENV:Body>\n</SOAP-ENV:Envelope>\n";
    }

    static final String CLIENT = "        <xroad:client id:objectType=\"MEMBER\"><id:xRoadInstance>EE</id:xRoadInstance>"
            + "<id:memberClass>BUSINESS</id:memberClass><id:memberCode>consumer</id:memberCode></xroad:client>\n";
    static final String SERVICE = "        <xroad:service id:objectType=\"SERVICE\"><id:xRoadInstance>EE</id:xRoadInstance>"
            + "<id:memberClass>BUSINESS</id:memberClass><id:memberCode>producer</id:memberCode>"
            + "<id:serviceCode>testQuery</id:serviceCode></xroad:service>\n";
    static final String ID = "        <xroad:id>1234567890</xroad:id>\n";
    static final String PV = "        <xroad:protocolVersion>4.0</xroad:protocolVersion>\n";
    static final String BODY = "<ns1:testQuery xmlns:ns1=\"http://consumer.x-road.eu\"><q>1</q></ns1:testQuery>";

    /** A minimal valid request with extra header lines inserted after the standard ones. */
    static String requestWith(String extraHeaders) {
        return request(CLIENT + SERVICE + ID + PV + extraHeaders, BODY);
    }
}
