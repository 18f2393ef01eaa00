package io.luotsi.xroad.testing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Writes a large V6 shared-params document: {@code members} members of four classes with {@code subsystemsPerMember}
 * subsystems each, and {@code servers} security servers; server k is owned by member k and serves the subsystems of
 * every member i with {@code i % servers == k}. Streams, so the document never has to be in memory.
 */
public final class LargeSharedParameters {

    public static final String INSTANCE = "BENCH";
    private static final String[] CLASSES = {"GOV", "COM", "NGO", "ORG"};

    private LargeSharedParameters() {
    }

    public static String memberClass(int member) {
        return CLASSES[member % CLASSES.length];
    }

    public static String memberCode(int member) {
        return Integer.toString(1_000_000 + member);
    }

    public static void write(OutputStream out, int members, int subsystemsPerMember, int servers) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tns:conf xmlns:id=\"http://x-road.eu/xsd/identifiers\" "
                + "xmlns:tns=\"http://x-road.eu/xsd/xroad.xsd\">\n<instanceIdentifier>" + INSTANCE
                + "</instanceIdentifier>\n<source><address>cs.bench.example</address></source>\n");
        for (int i = 0; i < members; i++) {
            w.write("<member id=\"m" + i + "\"><memberClass><code>" + memberClass(i) + "</code><description>Class "
                    + memberClass(i) + "</description></memberClass><memberCode>" + memberCode(i)
                    + "</memberCode><name>Member " + i + " Oy</name>\n");
            for (int j = 0; j < subsystemsPerMember; j++) {
                w.write("  <subsystem id=\"m" + i + "s" + j + "\"><subsystemCode>sub" + j
                        + "</subsystemCode><subsystemName>Subsystem " + j + " of member " + i
                        + "</subsystemName></subsystem>\n");
            }
            w.write("</member>\n");
        }
        byte[] hash = new byte[32];
        for (int k = 0; k < servers; k++) {
            hash[0] = (byte) k;
            hash[1] = (byte) (k >> 8);
            w.write("<securityServer><owner>m" + k + "</owner><serverCode>ss" + k + "</serverCode><address>ss" + k
                    + ".bench.example</address><authCertHash>" + Base64.getEncoder().encodeToString(hash)
                    + "</authCertHash>\n");
            for (int i = k; i < members; i += servers) {
                for (int j = 0; j < subsystemsPerMember; j++) {
                    w.write("  <client>m" + i + "s" + j + "</client>\n");
                }
            }
            if (k % 100 == 99) {
                w.write("  <inMaintenanceMode><message>Upgrade</message></inMaintenanceMode>\n");
            }
            w.write("</securityServer>\n");
        }
        w.write("<globalGroup><groupCode>security-server-owners</groupCode><description>Owners</description>\n");
        for (int k = 0; k < servers; k++) {
            w.write("<groupMember id:objectType=\"MEMBER\"><id:xRoadInstance>" + INSTANCE
                    + "</id:xRoadInstance><id:memberClass>" + memberClass(k) + "</id:memberClass><id:memberCode>"
                    + memberCode(k) + "</id:memberCode></groupMember>\n");
        }
        w.write("</globalGroup>\n<globalSettings>");
        for (String c : CLASSES) {
            w.write("<memberClass><code>" + c + "</code><description>Class " + c + "</description></memberClass>");
        }
        w.write("<ocspFreshnessSeconds>600</ocspFreshnessSeconds></globalSettings>\n</tns:conf>\n");
        w.flush();
    }
}
