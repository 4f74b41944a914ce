package org.consentledger.platform.corpus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately naive HTTP/1.1 client over a plain socket: it sends exactly the bytes it is given (bad framing,
 * control bytes, no Host, huge header blocks), so the corpus tests the server and not a client library's manners.
 */
final class RawHttp {

    /** What came back: status -1 when the server closed (or stalled) without an answer. */
    record Answer(int status, Map<String, String> headers, String body, boolean closedWithoutAnswer) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    static Answer exchange(int port, byte[] request, int timeoutMillis) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            // written while the answer is read, as HTTP clients do: a server that answers early (413) sees the rest
            // of a large body sent on; later writes failing once it closed is fine
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < request.length; i += 65536) {
                        out.write(request, i, Math.min(65536, request.length - i));
                    }
                    out.flush();
                } catch (IOException ignored) {
                    // the server stopped reading; what it answered is read below
                }
            }, "raw-http-writer");
            writer.setDaemon(true);
            writer.start();
            return read(socket.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        while (true) {
            Answer complete = parse(buffer.toByteArray());
            if (complete != null) {
                return complete;
            }
            int n;
            try {
                n = in.read(chunk);
            } catch (SocketTimeoutException | java.net.SocketException e) {
                n = -1;
            }
            if (n < 0) {
                Answer partial = parse(buffer.toByteArray());
                if (partial != null) {
                    return partial;
                }
                Answer headOnly = parseHead(buffer.toByteArray());
                return headOnly != null ? headOnly : new Answer(-1, Map.of(), "", true);
            }
            buffer.write(chunk, 0, n);
        }
    }

    /** The whole response when its body is complete, else null. */
    private static Answer parse(byte[] data) {
        int end = headEnd(data);
        if (end < 0) {
            return null;
        }
        Answer head = parseHead(data);
        byte[] rest = java.util.Arrays.copyOfRange(data, end, data.length);
        String length = head.header("content-length");
        if (length != null) {
            int n = Integer.parseInt(length.trim());
            if (rest.length < n) {
                return null;
            }
            return new Answer(head.status(), head.headers(), new String(rest, 0, n, StandardCharsets.UTF_8), false);
        }
        if ("chunked".equalsIgnoreCase(String.valueOf(head.header("transfer-encoding")).trim())) {
            String body = dechunk(rest);
            return body == null ? null : new Answer(head.status(), head.headers(), body, false);
        }
        // no framing: the body ends with the connection
        return null;
    }

    private static Answer parseHead(byte[] data) {
        int end = headEnd(data);
        if (end < 0) {
            return null;
        }
        String[] lines = new String(data, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] status = lines[0].split(" ", 3);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] rest = java.util.Arrays.copyOfRange(data, end, data.length);
        return new Answer(Integer.parseInt(status[1]), headers, new String(rest, StandardCharsets.UTF_8), false);
    }

    private static int headEnd(byte[] data) {
        for (int i = 0; i + 3 < data.length; i++) {
            if (data[i] == '\r' && data[i + 1] == '\n' && data[i + 2] == '\r' && data[i + 3] == '\n') {
                return i + 4;
            }
        }
        return -1;
    }

    private static String dechunk(byte[] rest) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int i = 0;
        while (true) {
            int lineEnd = indexOfCrlf(rest, i);
            if (lineEnd < 0) {
                return null;
            }
            String sizeLine = new String(rest, i, lineEnd - i, StandardCharsets.ISO_8859_1);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
            i = lineEnd + 2;
            if (size == 0) {
                return body.toString(StandardCharsets.UTF_8);
            }
            if (i + size + 2 > rest.length) {
                return null;
            }
            body.write(rest, i, size);
            i += size + 2;
        }
    }

    private static int indexOfCrlf(byte[] data, int from) {
        for (int i = from; i + 1 < data.length; i++) {
            if (data[i] == '\r' && data[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
