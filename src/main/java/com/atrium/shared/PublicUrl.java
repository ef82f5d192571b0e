package com.atrium.shared;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The address people reach Atrium at; every link Atrium sends (invitations, notices, resets) starts with it.
 * {@code atrium.base-url} (env {@code ATRIUM_BASE_URL}) or its older name {@code atrium.public-url} (env
 * {@code ATRIUM_PUBLIC_URL}) when set — one of them required under {@code prod}; otherwise
 * {@code http://localhost:<the port the server actually listens on>}, so a demo started with
 * {@code --server.port=8083} mails links to 8083.
 */
@Component
public class PublicUrl {
    private final String configured;
    private volatile String local;

    PublicUrl(@Value("${atrium.base-url:${atrium.public-url:}}") String configured, @Value("${server.port:8080}") String serverPort) {
        this.configured = configured == null || configured.isBlank() ? null : strip(configured.trim());
        this.local = "http://localhost:" + serverPort;
    }

    /** True when the operator configured the address (prod requires it). */
    public boolean configured() {
        return configured != null;
    }

    /** The base, without a trailing slash, e.g. {@code https://atrium.example.com}. */
    public String base() {
        return configured != null ? configured : local;
    }

    /** An absolute link to a path of this application ({@code path} starts with "/"). */
    public String link(String path) {
        return base() + path;
    }

    @EventListener
    void serverStarted(WebServerInitializedEvent e) {
        // the management server (if on its own port) is not where people go
        if (e.getApplicationContext().getServerNamespace() == null) {
            local = "http://localhost:" + e.getWebServer().getPort();
        }
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
