package com.atrium.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection owned by one load thread: writes a prepared GET and reads the answer on the
 * calling thread (status line, headers, a body of {@code Content-Length} or chunked, discarded). The load generator
 * shares 2 cores with the app and PostgreSQL; {@code java.net.http.HttpClient} hands every response from its selector
 * thread to an executor, two thread hops and a few kilobytes of garbage per request, which the wrk cross-check showed
 * as half of the capacity measured (issue 11, step 6). This does what wrk does: a socket per connection, no hop.
 */
final class RawHttp implements AutoCloseable {
    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] line = new byte[8192];
    private final byte[] buf = new byte[65536];
    private int pos;
    private int lim;

    RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** The request bytes for a GET of {@code path} with one extra header (e.g. Authorization), or none. */
    static byte[] get(String host, int port, String path, String[] header) {
        StringBuilder sb = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port)
                .append("\r\nAccept: application/json\r\n");
        if (header != null) {
            sb.append(header[0]).append(": ").append(header[1]).append("\r\n");
        }
        return sb.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends the request and reads the whole answer; returns its status code. Reconnects when the server closed. */
    int send(byte[] request) throws IOException {
        if (socket == null) {
            connect();
        }
        out.write(request);
        out.flush();
        int status = readStatus();
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        int n;
        while ((n = readLine()) > 0) {
            if (startsWithIgnoreCase(n, "content-length:")) {
                length = Long.parseLong(new String(line, 15, n - 15, StandardCharsets.US_ASCII).trim());
            } else if (startsWithIgnoreCase(n, "transfer-encoding:") && contains(n, "chunked")) {
                chunked = true;
            } else if (startsWithIgnoreCase(n, "connection:") && contains(n, "close")) {
                close = true;
            }
        }
        if (chunked) {
            while (true) {
                int m = readLine();
                String size = new String(line, 0, m, StandardCharsets.US_ASCII);
                int semi = size.indexOf(';');
                long chunk = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (chunk == 0) {
                    while (readLine() > 0) { // trailers, then the empty line
                    }
                    break;
                }
                discard(chunk);
                readLine(); // the CRLF after the chunk
            }
        } else if (length > 0) {
            discard(length);
        }
        if (close) {
            close();
        }
        return status;
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setSoTimeout(30_000);
        in = socket.getInputStream();
        pos = 0;
        lim = 0;
        out = socket.getOutputStream();
    }

    private int readStatus() throws IOException {
        int n = readLine();
        if (n < 12) {
            throw new IOException("No HTTP status line: " + new String(line, 0, Math.max(n, 0), StandardCharsets.US_ASCII));
        }
        return (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    }

    /** Reads one line without its CRLF into {@link #line}; returns its length. */
    private int readLine() throws IOException {
        int n = 0;
        while (true) {
            if (pos == lim && !fill()) {
                throw new IOException("Connection closed mid-answer");
            }
            int b = buf[pos++];
            if (b == '\n') {
                return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
            }
            if (n < line.length) {
                line[n++] = (byte) b;
            }
        }
    }

    private void discard(long bytes) throws IOException {
        while (bytes > 0) {
            if (pos == lim && !fill()) {
                throw new IOException("Connection closed mid-body");
            }
            int r = (int) Math.min(lim - pos, bytes);
            pos += r;
            bytes -= r;
        }
    }

    private boolean fill() throws IOException {
        int r = in.read(buf, 0, buf.length);
        if (r <= 0) {
            return false;
        }
        pos = 0;
        lim = r;
        return true;
    }

    private boolean startsWithIgnoreCase(int n, String prefix) {
        if (n < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (Character.toLowerCase((char) line[i]) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean contains(int n, String word) {
        return new String(line, 0, n, StandardCharsets.US_ASCII).toLowerCase(java.util.Locale.ROOT).contains(word);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
