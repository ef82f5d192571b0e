package com.atrium.crm;

import com.atrium.shared.InvalidInputException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The CRM site's host ("forward host"): a host name with an optional port, no scheme, no path. Atrium speaks HTTPS to
 * it; plain HTTP only to a loopback host outside production (the fake Xplan of the demo and the tests). Under the
 * {@code prod} profile loopback, private, link-local and unresolvable addresses are refused, so an integration cannot
 * be pointed at Atrium's own network (SSRF).
 */
@Component
class ForwardHosts {
    private static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}(:|$))([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:[0-9]{1,5})?");
    private final boolean production;

    ForwardHosts(Environment env) {
        this.production = env.matchesProfiles("prod");
    }

    /** The host in canonical form (lower case), or a clear message on {@code field}. */
    String validate(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException(field, "Enter your Xplan site's host, e.g. harbour.xplan.iress.com.au.");
        }
        String host = raw.trim().toLowerCase(Locale.ROOT);
        if (host.contains("://") || host.contains("/") || host.contains("?") || host.contains("@")) {
            throw new InvalidInputException(field, "Enter the host only, without https:// or a path, e.g. harbour.xplan.iress.com.au.");
        }
        if (!HOST.matcher(host).matches()) {
            throw new InvalidInputException(field, "\"" + raw.trim() + "\" is not a host name.");
        }
        if (production) {
            String name = hostName(host);
            try {
                for (InetAddress a : InetAddress.getAllByName(name)) {
                    if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                            || a.isMulticastAddress() || isUniqueLocal(a)) {
                        throw new InvalidInputException(field, name + " points to a private or local address (" + a.getHostAddress()
                                + "); a CRM site must be reachable on the internet.");
                    }
                }
            } catch (UnknownHostException e) {
                throw new InvalidInputException(field, "The host " + name + " cannot be found.");
            }
        }
        return host;
    }

    /** The base URL for a validated host: HTTPS, or HTTP for a loopback host outside production. */
    String baseUrl(String host) {
        return (!production && isLoopback(hostName(host)) ? "http://" : "https://") + host;
    }

    static String hostName(String host) {
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static boolean isLoopback(String name) {
        return name.equals("localhost") || name.startsWith("127.");
    }

    private static boolean isUniqueLocal(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 16 && (b[0] & 0xfe) == 0xfc;
    }
}
