package com.atrium.web;

import com.atrium.shared.PlainText;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The request boundary (finding 10), before anything reads the request, Spring Security included:
 * <ul>
 *   <li>every request parameter (query string, form fields, multipart fields) is cleaned by {@link PlainText} —
 *   control characters and bidi overrides never reach a controller, a service or the database (JSON strings are
 *   cleaned the same way by {@link PlainTextJson});</li>
 *   <li>a JSON body is bounded ({@code atrium.web.max-json-body}, 1 MB) before it is parsed: a declared length over the
 *   limit answers 413 at once, an undeclared (chunked) one stops being read at the limit and answers 413 too.</li>
 * </ul>
 */
class RequestBoundaryFilter extends OncePerRequestFilter {
    private final long maxJsonBody;

    RequestBoundaryFilter(DataSize maxJsonBody) {
        this.maxJsonBody = maxJsonBody.toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean json = isJson(request);
        if (json && request.getContentLengthLong() > maxJsonBody) {
            ApiErrors.writeProblem(response, 413, "Request too large",
                    "The request body is larger than " + DataSize.ofBytes(maxJsonBody).toKilobytes() + " KB; nothing was changed.");
            return;
        }
        chain.doFilter(new Cleaned(request, json ? maxJsonBody : -1), response);
    }

    static boolean isJson(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null) {
            return false;
        }
        try {
            MediaType t = MediaType.parseMediaType(type);
            return "json".equalsIgnoreCase(t.getSubtype()) || t.getSubtype().toLowerCase().endsWith("+json");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Thrown while a JSON body is read past the limit; {@link ApiErrors} answers 413. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(long limit) {
            super("The request body is larger than " + limit + " bytes");
        }
    }

    private static final class Cleaned extends HttpServletRequestWrapper {
        private final long limit;
        private Map<String, String[]> parameters;
        private ServletInputStream stream;

        Cleaned(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public String getParameter(String name) {
            String[] values = getParameterMap().get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] values = getParameterMap().get(name);
            return values == null ? null : values.clone();
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            if (parameters == null) {
                Map<String, String[]> cleaned = new LinkedHashMap<>();
                super.getParameterMap().forEach((name, values) -> {
                    String[] copy = new String[values.length];
                    for (int i = 0; i < values.length; i++) {
                        copy[i] = PlainText.cleanField(name, values[i]);
                    }
                    cleaned.put(name, copy);
                });
                parameters = Collections.unmodifiableMap(cleaned);
            }
            return parameters;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limit < 0) {
                return super.getInputStream();
            }
            if (stream == null) {
                stream = new Bounded(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class Bounded extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long read;

        Bounded(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, (int) Math.min(len, limit - read + 1));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
