package io.luotsi.xroad.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadException;
import io.luotsi.xroad.XRoadProtocolException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SoapMessageDecoderTest {

    private static final SoapHeader HEADER = SoapHeader.builder()
            .client(ClientId.parse("MEMBER:EE/BUSINESS/consumer"))
            .service(ServiceId.parse("SERVICE:EE/BUSINESS/producer/test")).id("1").build();

    /** Every byte value, CR/LF runs, and lines that look like the boundary but are not it. */
    static byte[] nastyContent(String boundary, int size, long seed) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < 256; i++) {
            b.write(i);
        }
        byte[][] traps = {
            ("\r\n--" + boundary + "x\r\n").getBytes(StandardCharsets.ISO_8859_1),
            ("\n--" + boundary.substring(0, boundary.length() - 1) + "\r\n").getBytes(StandardCharsets.ISO_8859_1),
            ("--" + boundary + "-").getBytes(StandardCharsets.ISO_8859_1),
            ("\r\n--" + boundary + "\t-").getBytes(StandardCharsets.ISO_8859_1),
            "\r\n\r\n\r\r\n\n\r".getBytes(StandardCharsets.ISO_8859_1),
            ("\r\n-" + boundary).getBytes(StandardCharsets.ISO_8859_1),
        };
        Random r = new Random(seed);
        while (b.size() < size) {
            if (r.nextInt(10) == 0) {
                b.writeBytes(traps[r.nextInt(traps.length)]);
            } else {
                byte[] chunk = new byte[r.nextInt(300)];
                r.nextBytes(chunk);
                b.writeBytes(chunk);
            }
        }
        byte[] out = Arrays.copyOf(b.toByteArray(), size);
        out[size - 1] = '\r'; // a CR right before the delimiter belongs to the content
        defuse(out, boundary);
        return out;
    }

    /** Random bytes can form a real delimiter line with a short boundary: turn those few into near misses. */
    private static void defuse(byte[] b, String boundary) {
        byte[] d = ("\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i + d.length <= b.length; i++) {
            for (int k = 0; k < d.length; k++) {
                if (b[i + k] != d[k]) {
                    continue outer;
                }
            }
            int j = i + d.length;
            boolean close = j + 1 < b.length && b[j] == '-' && b[j + 1] == '-';
            while (j < b.length && (b[j] == ' ' || b[j] == '\t')) {
                j++;
            }
            if (close || j >= b.length || b[j] == '\r' || b[j] == '\n') {
                b[i + 1] = 'X';
            }
        }
    }

    /** Delivers at most n bytes per read: exercises every buffer boundary. */
    static InputStream trickle(byte[] b, int n) {
        return new FilterInputStream(new ByteArrayInputStream(b)) {
            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                return super.read(buf, off, Math.min(len, n));
            }
        };
    }

    private static byte[] soapBytes(String body) {
        return SoapEnvelopeWriter.create().toBytes(HEADER, SoapBody.xml(body));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 4096, 65536})
    void roundTripsSwaWithBinaryAttachmentsByteExact(int chunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String boundary;
        byte[] a1 = nastyContent("b0undary-XYZ", 200_000, 1);
        byte[] a2 = new byte[0];
        byte[] a3 = nastyContent("b0undary-XYZ", 70_001, 2);
        byte[] soap = soapBytes("<ns1:test xmlns:ns1=\"urn:x\">\u00e4</ns1:test>");
        try (SoapMultipartWriter w = SoapMultipartWriter.swa(out, "b0undary-XYZ")) {
            boundary = w.boundary();
            w.soapPart(soap);
            w.attachment(MimeHeaders.of("Content-Type", "application/octet-stream", "X-Custom", "one"),
                    new ByteArrayInputStream(a1));
            w.attachment("text/plain", new ByteArrayInputStream(a2));
            w.attachment("id-3@example.org", "image/png", new ByteArrayInputStream(a3));
        }
        assertThat(boundary).isEqualTo("b0undary-XYZ");
        String ct = "multipart/related; type=\"text/xml\"; charset=UTF-8; boundary=\"b0undary-XYZ\"";
        try (DecodedSoapMessage m = SoapMessageDecoder.builder().attachmentMemoryThreshold(100_000).build()
                .decode(trickle(out.toByteArray(), chunk), ct)) {
            assertThat(m.isMultipart()).isTrue();
            assertThat(m.soap().bytes()).isEqualTo(soap);
            assertThat(m.soapPartHeaders().contentType()).contains("text/xml; charset=UTF-8");
            assertThat(m.attachments()).hasSize(3);
            assertThat(m.attachments().get(0).bytes()).isEqualTo(a1);
            assertThat(m.attachments().get(0).headers().get("x-custom")).contains("one");
            assertThat(m.attachments().get(0).isOnDisk()).isTrue();
            assertThat(m.attachments().get(1).bytes()).isEmpty();
            assertThat(m.attachments().get(2).bytes()).isEqualTo(a3);
            assertThat(m.attachments().get(2).isOnDisk()).isFalse();
            assertThat(m.attachment("cid:id-3@example.org")).containsSame(m.attachments().get(2));
        }
    }

    @Test
    void roundTripsRandomSizesAroundTheBufferSize() {
        Random r = new Random(42);
        for (int round = 0; round < 40; round++) {
            int size = 65536 + r.nextInt(200) - 100;
            byte[] content = nastyContent("bnd", Math.max(size, 300), round);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (SoapMultipartWriter w = SoapMultipartWriter.swa(out, "bnd")) {
                w.soapPart(soapBytes("<test/>"));
                w.attachment("application/octet-stream", new ByteArrayInputStream(content));
            }
            try (DecodedSoapMessage m = SoapMessageDecoder.create().decode(
                    trickle(out.toByteArray(), 1 + r.nextInt(70_000)), "multipart/related; boundary=bnd")) {
                assertThat(m.attachments()).singleElement().satisfies(a -> assertThat(a.bytes()).isEqualTo(content));
            }
        }
    }

    @Test
    void roundTripsMtomAndResolvesXopIncludes() {
        byte[] pdf = nastyContent("x", 10_000, 9);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String ct;
        try (SoapMultipartWriter w = SoapMultipartWriter.mtom(out)) {
            ct = w.contentType();
            SoapEnvelopeWriter.create().write(w.openSoapPart(), HEADER, SoapBody.xml("<ns1:test xmlns:ns1=\"urn:x\">"
                    + "<xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" href=\"cid:doc%401\"/>"
                    + "</ns1:test>"));
            w.attachment("doc@1", "application/pdf", new ByteArrayInputStream(pdf));
        }
        assertThat(ct).startsWith("multipart/related; type=\"application/xop+xml\"; start=\"<")
                .contains("start-info=\"text/xml\"");
        try (DecodedSoapMessage m = SoapMessageDecoder.create().decode(new ByteArrayInputStream(out.toByteArray()),
                ct)) {
            assertThat(m.isMtom()).isTrue();
            assertThat(m.contentType()).isSameAs(ct);
            SoapMessage soap = m.message();
            assertThat(soap.contentType()).isEqualTo("application/xop+xml; charset=UTF-8; type=\"text/xml\"");
            assertThat(soap.xopIncludes()).containsExactly("cid:doc%401");
            assertThat(m.attachment(soap.xopIncludes().get(0)).orElseThrow().bytes()).isEqualTo(pdf);
            assertThat(m.attachment("<doc@1>")).isPresent();
            assertThat(m.attachment("cid:nothing")).isEmpty();
        }
    }

    @Test
    void keepsTheMtomContentTypeUnchangedIncludingCase() {
        String ct = "Multipart/Related; start-info=\"application/soap+xml\"; type=\"application/xop+xml\"; "
                + "boundary=jetty771207119h3h10dty";
        try (DecodedSoapMessage m = SoapMessageDecoder.create().decode(
                new ByteArrayInputStream(Fixtures.bytes("attachm-mtom.query")), ct)) {
            assertThat(m.contentType()).isEqualTo(ct);
            assertThat(m.isMtom()).isTrue();
            assertThat(m.message().xopIncludes()).containsExactly(
                    "cid:42a7ee0a-20ee-426b-a135-094d72bc138f@example.org");
            Attachment a = m.attachment(m.message().xopIncludes().get(0)).orElseThrow();
            assertThat(new String(a.bytes(), StandardCharsets.UTF_8)).isEqualTo("foobar");
            assertThat(a.headers().otherNames()).containsExactly("Content-ID");
        }
    }

    @Test
    void flattensANestedMultipartAndKeepsPartHeaders() {
        try (DecodedSoapMessage m = SoapMessageDecoder.create().decode(
                new ByteArrayInputStream(Fixtures.bytes("attachm.query")),
                "multipart/related; charset=UTF-8; boundary=jetty771207119h3h10dty")) {
            assertThat(m.message().header().service()).isEqualTo(ServiceId.parse("SERVICE:EE/BUSINESS/producer/test"));
            assertThat(m.soapPartHeaders().contentType()).contains("text/xml; charset=\"utf-8\"");
            assertThat(m.attachments()).singleElement().satisfies(a -> {
                assertThat(a.headers().all()).containsExactly(new MimeHeaders.Header("Content-Type", "text/plain"),
                        new MimeHeaders.Header("Client-Header", "FooBar"));
                assertThat(a.bytes()).isEqualTo("blaah".getBytes(StandardCharsets.US_ASCII));
            });
        }
    }

    @Test
    void roundTripsBinaryAttachmentsInsideANestedMultipartByteExact() {
        byte[] x = nastyContent("inner-B", 150_000, 11);
        byte[] y = nastyContent("inner-B", 3, 12);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SoapMultipartWriter w = SoapMultipartWriter.swa(out, "outer-B")) {
            w.soapPart(soapBytes("<test/>"));
            try (java.io.OutputStream nested = w.openAttachment(MimeHeaders.of("Content-Type",
                    "multipart/mixed; boundary=\"inner-B\"", "X-Outer", "dropped"))) {
                nested.write("--inner-B\r\nContent-Type: application/x-one\r\nX-Inner: 1\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                nested.write(x);
                nested.write("\r\n--inner-B\r\nContent-Type: application/x-two\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                nested.write(y);
                nested.write("\r\n--inner-B--\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            w.attachment("text/plain", new ByteArrayInputStream("after".getBytes(StandardCharsets.US_ASCII)));
        }
        try (DecodedSoapMessage m = SoapMessageDecoder.create().decode(trickle(out.toByteArray(), 1000),
                "multipart/related; boundary=outer-B")) {
            assertThat(m.attachments()).extracting(Attachment::contentType)
                    .containsExactly("application/x-one", "application/x-two", "text/plain");
            assertThat(m.attachments().get(0).bytes()).isEqualTo(x);
            assertThat(m.attachments().get(0).headers().otherNames()).containsExactly("X-Inner");
            assertThat(m.attachments().get(1).bytes()).isEqualTo(y);
            assertThat(m.attachments().get(2).bytes()).isEqualTo("after".getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void keepsABomInsideTheSoapPartForTheRequestHash() {
        // X-Road's Utf8BomAttachment2: attachm2.query with a BOM opening the SOAP part and an empty id
        String file = new String(Fixtures.bytes("attachm2.query"), StandardCharsets.UTF_8)
                .replace("<xroad:id>1234567890</xroad:id>", "<xroad:id></xroad:id>");
        int soapStart = file.indexOf("<?xml");
        byte[] plain = file.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[plain.length + 3];
        System.arraycopy(plain, 0, withBom, 0, soapStart);
        withBom[soapStart] = (byte) 0xEF;
        withBom[soapStart + 1] = (byte) 0xBB;
        withBom[soapStart + 2] = (byte) 0xBF;
        System.arraycopy(plain, soapStart, withBom, soapStart + 3, plain.length - soapStart);
        int soapEnd = file.indexOf("\n--jetty771207119h3h10dty", soapStart) + 3; // the LF before belongs to it

        String ct = "multipart/related; boundary=jetty771207119h3h10dty";
        try (DecodedSoapMessage m = SoapMessageDecoder.create().decode(new ByteArrayInputStream(withBom), ct)) {
            SoapMessage soap = m.message();
            assertThat(soap.header().id()).isEmpty();
            byte[] expected = Arrays.copyOfRange(withBom, soapStart, soapEnd);
            assertThat(soap.bytes()).isEqualTo(expected).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
            assertThat(soap.requestHash()).isEqualTo(RequestHash.sha512(expected));
            assertThat(m.attachments()).singleElement()
                    .satisfies(a -> assertThat(a.bytes()).isEqualTo("blaah".getBytes(StandardCharsets.US_ASCII)));
        }
        assertThat(SoapCheck.verdict(withBom, ct)).isEqualTo("OK [soap(request svc=SERVICE:EE/BUSINESS/producer/test"
                + " ct=text/xml), attachment(text/plain, 5B, hdrs=[]), completed]");
    }

    @Test
    void acceptsLfAndCrlfDelimitersPreambleAndEpilogue() {
        byte[] soap = soapBytes("<test/>");
        String crlf = "preamble text\r\n--B\r\nContent-Type: text/xml\r\n\r\n" + new String(soap, StandardCharsets.UTF_8)
                + "\r\n--B   \r\nContent-Type: text/plain\r\nX-Folded: a\r\n  b\r\n\r\nabc\r\n--B--\r\nepilogue";
        try (DecodedSoapMessage m = SoapMessageDecoder.create().decode(
                new ByteArrayInputStream(crlf.getBytes(StandardCharsets.UTF_8)), "multipart/related; boundary=B")) {
            assertThat(m.soap().bytes()).isEqualTo(soap);
            assertThat(m.attachments().get(0).bytes()).isEqualTo("abc".getBytes(StandardCharsets.US_ASCII));
            assertThat(m.attachments().get(0).headers().get("X-Folded")).contains("a  b");
        }
    }

    @Test
    void rejectsAFirstPartThatIsNotSoap() {
        String body = "--B\nContent-Type: text/plain\n\nhello\n--B--\n";
        assertThatThrownBy(() -> SoapMessageDecoder.create().decode(
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), "multipart/related; boundary=B"))
                .isInstanceOf(XRoadProtocolException.class).hasMessage("Invalid content type: text/plain")
                .extracting(e -> ((XRoadProtocolException) e).code()).isEqualTo("invalid_content_type");
    }

    @Test
    void rejectsAPartWithoutContentType() {
        assertThat(SoapCheck.verdict(Fixtures.bytes("attachm-error.query"),
                "multipart/related; boundary=jetty771207119h3h10dty"))
                .startsWith("ERROR invalid_content_type : Could not get content type for part events=[soap(");
    }

    @Test
    void reportsAnEmptyMultipartAsMissingSoap() {
        assertThatThrownBy(() -> SoapMessageDecoder.create().decode(new ByteArrayInputStream(new byte[0]),
                "multipart/related; boundary=x")).isInstanceOf(XRoadProtocolException.class)
                .hasMessage("Request does not have SOAP message")
                .extracting(e -> ((XRoadProtocolException) e).code()).isEqualTo("missing_soap");
    }

    @Test
    void readsTheEmptyFirstPartOfNoSoapAsAnEmptySoapMessage() {
        // X-Road's NoSoapToServerProxy: the empty first part is invalid SOAP
        assertThat(SoapCheck.verdict(Fixtures.bytes("no-soap.query"),
                "multipart/related; boundary=jetty771207119h3h10dty"))
                .isEqualTo("ERROR invalid_soap : org.xml.sax.SAXParseException; Premature end of file. events=[]");
    }

    @Test
    void treatsAMultipartWithoutBoundaryAsOnePart() {
        assertThat(SoapCheck.verdict(Fixtures.bytes("attachm.query"), "multipart/related"))
                .isEqualTo("ERROR invalid_content_type : Invalid content type: multipart/related events=[]");
    }

    @Test
    void refusesContentTypesXRoadRefuses() {
        for (String ct : new String[] {"application/soap+xml; charset=UTF-8", "multipart/mixed; boundary=x",
            "text/plain"}) {
            assertThatThrownBy(() -> SoapMessageDecoder.validateContentType(ct))
                    .isInstanceOf(XRoadProtocolException.class)
                    .hasMessage("Invalid content type: " + ct.split(";")[0]);
        }
        assertThatThrownBy(() -> SoapMessageDecoder.validateContentType(null))
                .hasMessage("Could not get content type from request");
        SoapMessageDecoder.validateContentType("TEXT/XML");
        SoapMessageDecoder.validateContentType("Multipart/Related; boundary=x");
        SoapMessageDecoder.validateContentType("application/xop+xml; type=\"text/xml\"");
    }

    @Test
    void enforcesPartHeaderLimits() {
        String body = "--B\nContent-Type: text/xml\nX-Long: " + "y".repeat(2000) + "\n\n<a/>\n--B--\n";
        assertThatThrownBy(() -> SoapMessageDecoder.create().decode(
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), "multipart/related; boundary=B"))
                .isInstanceOf(XRoadProtocolException.class)
                .extracting(e -> ((XRoadProtocolException) e).code()).isEqualTo("mime_parsing_failed");
    }

    @Test
    void spoolsLargeAttachmentsToTemporaryFilesAndDeletesThem(@TempDir Path dir) throws IOException {
        byte[] big = nastyContent("q", 3_000_000, 5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SoapMultipartWriter w = SoapMultipartWriter.swa(out, "q")) {
            w.soapPart(soapBytes("<test/>"));
            w.attachment("application/octet-stream", new ByteArrayInputStream(big));
            w.attachment("text/plain", new ByteArrayInputStream("small".getBytes(StandardCharsets.US_ASCII)));
        }
        SoapMessageDecoder decoder = SoapMessageDecoder.builder().attachmentMemoryThreshold(64 * 1024)
                .tempDirectory(dir).build();
        DecodedSoapMessage m = decoder.decode(new ByteArrayInputStream(out.toByteArray()),
                "multipart/related; boundary=q");
        try (Attachment large = m.attachments().get(0)) {
            assertThat(large.isOnDisk()).isTrue();
            assertThat(large.size()).isEqualTo(big.length);
            try (var files = Files.list(dir)) {
                assertThat(files.count()).isEqualTo(1);
            }
            try (InputStream in = large.openStream()) {
                assertThat(in.readAllBytes()).isEqualTo(big);
            }
            assertThat(m.attachments().get(1).isOnDisk()).isFalse();
        }
        m.close();
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isZero();
        }
    }

    @Test
    void deletesTemporaryFilesWhenDecodingFails(@TempDir Path dir) throws IOException {
        byte[] big = nastyContent("q", 500_000, 6);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SoapMultipartWriter w = SoapMultipartWriter.swa(out, "q")) {
            w.soapPart(soapBytes("<test/>"));
            w.attachment("application/octet-stream", new ByteArrayInputStream(big));
        }
        String all = new String(out.toByteArray(), StandardCharsets.ISO_8859_1);
        int close = all.lastIndexOf("--q--");
        byte[] broken = (all.substring(0, close) + "--q\r\nX-No-Type: 1\r\n\r\nz\r\n--q--\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        SoapMessageDecoder decoder = SoapMessageDecoder.builder().attachmentMemoryThreshold(1024).tempDirectory(dir)
                .build();
        assertThatThrownBy(() -> decoder.decode(new ByteArrayInputStream(broken), "multipart/related; boundary=q"))
                .hasMessage("Could not get content type for part");
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isZero();
        }
        SoapMessageDecoder limited = SoapMessageDecoder.builder().maxAttachmentBytes(1000).build();
        assertThatThrownBy(() -> limited.decode(new ByteArrayInputStream(out.toByteArray()),
                "multipart/related; boundary=q")).isInstanceOf(XRoadProtocolException.class)
                .hasMessage("attachments exceed the size limit of 1000 bytes");
    }

    @Test
    void recognisesAFaultInAnMtomResponse() {
        byte[] fault = ("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + "<soap:Fault><faultcode>soap:Server</faultcode><faultstring>generateMtom failed</faultstring>"
                + "</soap:Fault></soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String ct;
        try (SoapMultipartWriter w = SoapMultipartWriter.mtom(out)) {
            ct = w.contentType();
            w.soapPart(fault);
            w.attachment("a@b", "text/plain", new ByteArrayInputStream(new byte[] {'x'}));
        }
        try (DecodedSoapMessage m = SoapMessageDecoder.create().decode(new ByteArrayInputStream(out.toByteArray()),
                ct)) {
            assertThat(m.soap()).isInstanceOf(SoapFault.class);
            assertThat(((SoapFault) m.soap()).code()).isEqualTo("soap:Server");
            assertThatThrownBy(m::message).isInstanceOf(XRoadException.class)
                    .hasMessageContaining("generateMtom failed");
        }
        assertThat(SoapCheck.verdict(out.toByteArray(), ct))
                .startsWith("OK [fault(code=soap:Server ct=application/xop+xml");
    }

    @Test
    void streamsPartsToAHandlerInOrder() {
        List<String> seen = new ArrayList<>();
        SoapMessageDecoder.create().decode(new ByteArrayInputStream(Fixtures.bytes("attachments.query")),
                "multipart/related; charset=UTF-8; boundary=jetty771207119h3h10dty", new SoapMessageDecoder.Handler() {
                    @Override
                    public void soap(SoapEnvelope soap, MimeHeaders partHeaders) {
                        seen.add("soap " + ((SoapMessage) soap).header().service().serviceCode());
                    }

                    @Override
                    public void attachment(MimeHeaders headers, InputStream content) throws IOException {
                        // reads only one byte: the rest is skipped for it
                        seen.add("attachment " + (char) content.read());
                    }
                });
        assertThat(seen).hasSize(4).first().isEqualTo("soap test");
    }

    @Test
    void rejectsMisuseOfTheMultipartWriter() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SoapMultipartWriter w = SoapMultipartWriter.swa(out);
        assertThatThrownBy(() -> w.attachment("text/plain", new ByteArrayInputStream(new byte[0])))
                .isInstanceOf(IllegalStateException.class);
        w.soapPart(soapBytes("<test/>"));
        assertThatThrownBy(() -> w.soapPart(new byte[0])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> w.openAttachment(MimeHeaders.of("X-A", "b")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SoapMultipartWriter.swa(out, "bad\nboundary"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SoapMultipartWriter.newBoundary()).isNotEqualTo(SoapMultipartWriter.newBoundary());
    }
}
