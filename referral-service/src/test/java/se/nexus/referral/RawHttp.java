package se.nexus.referral;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Requests written byte for byte on a socket, for what a well-behaved client library refuses to send: an unknown
 * method, a {@code %00} in the path, a huge header.
 */
final class RawHttp {

    /** The status line's code, the content type and the body of the answer. */
    record Answer(int status, String contentType, String body) {
    }

    private RawHttp() {
    }

    static Answer send(int port, String requestHead, byte[] body) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                try {
                    out.write(body);
                } catch (IOException e) {
                    // The server may answer and close before it has read a body it refuses.
                }
            }
            out.flush();
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Answer request(int port, String method, String target, String extraHeaders) {
        return send(port, method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
            + extraHeaders + "\r\n", null);
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                bytes.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // A reset after the answer was sent; what arrived is the answer.
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Answer parse(String raw) {
        int headEnd = raw.indexOf("\r\n\r\n");
        String head = headEnd < 0 ? raw : raw.substring(0, headEnd);
        String body = headEnd < 0 ? "" : raw.substring(headEnd + 4);
        int status = Integer.parseInt(head.substring(9, 12));
        String contentType = head.lines().filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-type:"))
            .map(line -> line.substring(13).trim()).findFirst().orElse("");
        return new Answer(status, contentType, body);
    }
}
