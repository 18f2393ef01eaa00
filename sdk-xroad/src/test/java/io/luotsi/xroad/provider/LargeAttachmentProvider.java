package io.luotsi.xroad.provider;

import com.sun.net.httpserver.HttpServer;
import io.luotsi.xroad.provider.jdkhttp.JdkHttpServerAdapter;
import io.luotsi.xroad.soap.Attachment;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.zip.CRC32;

/**
 * A Luotsi provider in its own JVM (started by {@link LargeAttachmentIT} with -Xmx128m): counts and checksums every
 * attachment it receives and answers with the figures. Prints its port on stdout, then serves until stdin closes.
 */
public final class LargeAttachmentProvider {

    private LargeAttachmentProvider() {
    }

    public static void main(String[] args) throws Exception {
        SoapProvider provider = SoapProvider.builder()
                .defaultHandler(request -> {
                    StringBuilder sb = new StringBuilder();
                    for (Attachment a : request.attachments()) {
                        CRC32 crc = new CRC32();
                        long n = 0;
                        byte[] buf = new byte[64 * 1024];
                        try (InputStream in = a.openStream()) {
                            int r;
                            while ((r = in.read(buf)) >= 0) {
                                crc.update(buf, 0, r);
                                n += r;
                            }
                        }
                        sb.append("<a><n>").append(n).append("</n><crc>").append(crc.getValue())
                                .append("</crc><onDisk>").append(a.isOnDisk()).append("</onDisk></a>");
                    }
                    sb.append("<maxHeap>").append(Runtime.getRuntime().maxMemory()).append("</maxHeap>");
                    return SoapReply.xml(sb.toString());
                })
                .build();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", JdkHttpServerAdapter.of(provider));
        server.start();
        System.out.println(server.getAddress().getPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // serve until the parent closes our stdin
        }
        server.stop(0);
    }
}
