package io.luotsi.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A generated V6 shared-params document for the benchmarks: {@code members} members of four classes with
 * {@code subsystemsPerMember} subsystems each and {@code servers} security servers; server k is owned by member k and
 * serves the subsystems of every member i with {@code i % servers == k}. The same shape as sdk-xroad's
 * LargeSharedParametersIT.
 */
final class GeneratedSharedParameters {

    static final String INSTANCE = "BENCH";
    private static final String[] CLASSES = {"GOV", "COM", "NGO", "ORG"};

    private GeneratedSharedParameters() {
    }

    static String memberClass(int member) {
        return CLASSES[member % CLASSES.length];
    }

    static String memberCode(int member) {
        return Integer.toString(1_000_000 + member);
    }

    static byte[] xml(int members, int subsystemsPerMember, int servers) {
        StringBuilder w = new StringBuilder(members * (250 + subsystemsPerMember * 130) + servers * 1000);
        w.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tns:conf xmlns:id=\"http://x-road.eu/xsd/identifiers\" "
                + "xmlns:tns=\"http://x-road.eu/xsd/xroad.xsd\">\n<instanceIdentifier>").append(INSTANCE)
                .append("</instanceIdentifier>\n<source><address>cs.bench.example</address></source>\n");
        for (int i = 0; i < members; i++) {
            w.append("<member id=\"m").append(i).append("\"><memberClass><code>").append(memberClass(i))
                    .append("</code><description>Class ").append(memberClass(i))
                    .append("</description></memberClass><memberCode>").append(memberCode(i))
                    .append("</memberCode><name>Member ").append(i).append(" Oy</name>\n");
            for (int j = 0; j < subsystemsPerMember; j++) {
                w.append("  <subsystem id=\"m").append(i).append('s').append(j).append("\"><subsystemCode>sub")
                        .append(j).append("</subsystemCode><subsystemName>Subsystem ").append(j).append(" of member ")
                        .append(i).append("</subsystemName></subsystem>\n");
            }
            w.append("</member>\n");
        }
        byte[] hash = new byte[32];
        for (int k = 0; k < servers; k++) {
            hash[0] = (byte) k;
            hash[1] = (byte) (k >> 8);
            w.append("<securityServer><owner>m").append(k).append("</owner><serverCode>ss").append(k)
                    .append("</serverCode><address>ss").append(k).append(".bench.example</address><authCertHash>")
                    .append(Base64.getEncoder().encodeToString(hash)).append("</authCertHash>\n");
            for (int i = k; i < members; i += servers) {
                for (int j = 0; j < subsystemsPerMember; j++) {
                    w.append("  <client>m").append(i).append('s').append(j).append("</client>\n");
                }
            }
            if (k % 100 == 99) {
                w.append("  <inMaintenanceMode><message>Upgrade</message></inMaintenanceMode>\n");
            }
            w.append("</securityServer>\n");
        }
        w.append("<globalSettings>");
        for (String c : CLASSES) {
            w.append("<memberClass><code>").append(c).append("</code><description>Class ").append(c)
                    .append("</description></memberClass>");
        }
        w.append("<ocspFreshnessSeconds>600</ocspFreshnessSeconds></globalSettings>\n</tns:conf>\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(w.length());
        out.writeBytes(w.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
