package dev.caravan.http;

import java.net.URI;

/** Where a request goes: scheme, host and port, the key its pooled connections are kept under. */
record Origin(boolean tls, String host, int port, String hostHeader) {
    static Origin of(URI url) {
        boolean tls = "https".equalsIgnoreCase(url.getScheme());
        if (!tls && !"http".equalsIgnoreCase(url.getScheme())) {
            throw new IllegalArgumentException("not an http(s) URL: " + url);
        }
        String host = url.getHost();
        if (host == null) {
            throw new IllegalArgumentException("no host in " + url);
        }
        int port = url.getPort() == -1 ? (tls ? 443 : 80) : url.getPort();
        // As every HTTP client (and SigV4, which signs it) writes Host: the port only when it is not the scheme's.
        String hostHeader = url.getPort() == -1 || port == (tls ? 443 : 80) ? host : host + ":" + port;
        return new Origin(tls, host, port, hostHeader);
    }

    /** The host as a resolver takes it: an IPv6 literal without its brackets. */
    String resolvableHost() {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
