package io.luotsi.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Function;

/**
 * A minimal HTTP/1.1 keep-alive server on loopback for benchmarks: TCP_NODELAY, one thread per connection, a canned
 * response per request, request bodies read and discarded. Small and fast so that the client side dominates what is
 * measured (MockWebServer and the JDK's HttpServer add tens of milliseconds of delayed-ACK stalls or heavy
 * per-request work).
 */
public final class LoopbackHttpServer implements AutoCloseable {

    /** What the server needs to know of a request to answer it. */
    public record Request(String method, String target, String messageId) {
    }

    private final ServerSocket socket;
    private final Function<Request, byte[]> responder;
    private volatile boolean closed;

    public LoopbackHttpServer(Function<Request, byte[]> responder) throws IOException {
        this.responder = responder;
        this.socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        Thread acceptor = new Thread(this::acceptLoop, "loopback-http-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String url() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/";
    }

    /** A complete HTTP/1.1 200 response with the given headers ("Name: value" lines) and body. */
    public static byte[] response(String headers, byte[] body) {
        byte[] head = ("HTTP/1.1 200 OK\r\n" + headers + "Content-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = socket.accept();
                s.setTcpNoDelay(true);
                Thread t = new Thread(() -> serve(s), "loopback-http-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = new BufferedInputStream(s.getInputStream(), 16384);
             OutputStream out = s.getOutputStream()) {
            StringBuilder line = new StringBuilder(256);
            while (!closed) {
                String requestLine = readLine(in, line);
                if (requestLine == null) {
                    return;
                }
                long contentLength = 0;
                boolean chunked = false;
                String messageId = null;
                String header;
                while ((header = readLine(in, line)) != null && !header.isEmpty()) {
                    int colon = header.indexOf(':');
                    String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    String value = header.substring(colon + 1).trim();
                    switch (name) {
                        case "content-length" -> contentLength = Long.parseLong(value);
                        case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                        case "x-road-id" -> messageId = value;
                        default -> { }
                    }
                }
                if (chunked) {
                    skipChunked(in, line);
                } else {
                    in.skipNBytes(contentLength);
                }
                String[] parts = requestLine.split(" ");
                out.write(responder.apply(new Request(parts[0], parts[1], messageId)));
                out.flush();
            }
        } catch (IOException e) {
            // The client closed the connection.
        }
    }

    private static void skipChunked(InputStream in, StringBuilder line) throws IOException {
        while (true) {
            String size = readLine(in, line);
            int semi = size.indexOf(';');
            long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            if (n == 0) {
                while (!readLine(in, line).isEmpty()) {
                    // trailers
                }
                return;
            }
            in.skipNBytes(n);
            readLine(in, line);
        }
    }

    private static String readLine(InputStream in, StringBuilder sb) throws IOException {
        sb.setLength(0);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                int n = sb.length();
                if (n > 0 && sb.charAt(n - 1) == '\r') {
                    sb.setLength(n - 1);
                }
                return sb.toString();
            }
            sb.append((char) b);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        socket.close();
    }
}
