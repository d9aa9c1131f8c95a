package dev.caravan.routing;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Refuses client-chosen upstream URLs that point at cloud metadata or other forbidden addresses.
 */
public final class UpstreamAddressGuard {

    /**
     * Looks up every address of a host name; the production one is {@code InetAddress::getAllByName}.
     */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final Set<String> METADATA_HOSTS =
            Set.of("metadata", "metadata.google.internal", "metadata.goog", "instance-data");
    private static final Set<String> METADATA_FIRST_LABELS = Set.of("metadata", "instance-data");
    // As in the WHATWG URL parser: a host whose last label is a number is an IPv4 address.
    private static final Pattern NUMBER = Pattern.compile("0[xX][0-9a-fA-F]*|[0-9]+");
    private static final byte[] AWS_METADATA_V6 = v6(0xfd, 0x00, 0x0e, 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54);
    private static final byte[] ALIBABA_METADATA_V4 = {100, 100, 100, (byte) 200};
    private static final byte[] NAT64_PREFIX = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final byte[] NAT64_LOCAL_PREFIX = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 1};

    private final boolean allowPrivate;
    private final Set<String> allowedHosts;
    private final Resolver resolver;
    /** Verdicts that depend on the URL alone (its host is an IP literal): allowed ones, so refusals are found anew. */
    private final com.github.benmanes.caffeine.cache.Cache<String, URI> allowedLiterals =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                    .maximumSize(1024)
                    .build();

    public UpstreamAddressGuard(boolean allowPrivate, Set<String> allowedHosts, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.allowedHosts =
                allowedHosts.stream().map(UpstreamAddressGuard::normalise).collect(Collectors.toUnmodifiableSet());
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    public UpstreamAddressGuard(boolean allowPrivate, Set<String> allowedHosts) {
        this(allowPrivate, allowedHosts, InetAddress::getAllByName);
    }

    /** Checks a client-chosen base URL; returns it normalised (no trailing slash) or throws. */
    public URI check(String baseUrl) throws UpstreamNotAllowedException {
        String text = baseUrl == null ? "" : baseUrl.strip();
        URI known = allowedLiterals.getIfPresent(text);
        if (known != null) {
            return known;
        }
        URI uri = parse(text);
        String host = hostOf(uri);
        String name = normalise(host);
        if (!allowedHosts.isEmpty() && !allowedHosts.contains(name)) {
            throw refused("upstream host " + name + " is not in the allow-list");
        }
        if (isMetadataName(name)) {
            throw refused("upstream host " + name + " is a cloud metadata endpoint");
        }
        for (InetAddress address : addressesOf(host, name)) {
            String reason = refusalReason(address.getAddress());
            if (reason != null) {
                throw refused("upstream host " + name + " resolves to a forbidden address (" + reason + ")");
            }
        }
        URI checked = uri.getRawPath().endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
        if (host.startsWith("[") || isNumeric(host)) {
            allowedLiterals.put(text, checked); // no name to resolve: the same text always gets the same verdict
        }
        return checked;
    }

    private static URI parse(String text) throws UpstreamNotAllowedException {
        if (text.isEmpty()) {
            throw refused("upstream URL is empty");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            // The input is not echoed: it may carry credentials.
            throw refused("upstream URL is not a valid URI");
        }
        String scheme = uri.getScheme();
        boolean web = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
        if (!web || uri.isOpaque()) {
            throw refused("upstream URL must be an absolute http or https URL");
        }
        String authority = uri.getRawAuthority();
        if (uri.getRawUserInfo() != null || authority != null && authority.contains("@")) {
            throw refused("upstream URL must not contain credentials");
        }
        if (uri.getRawQuery() != null) {
            throw refused("upstream URL must not contain a query");
        }
        if (uri.getRawFragment() != null) {
            throw refused("upstream URL must not contain a fragment");
        }
        if (uri.getPort() > 65535) {
            throw refused("upstream URL has an invalid port");
        }
        return uri;
    }

    /** The host as the HTTP client will see it; java.net.URI gives no host for odd IPv4 spellings. */
    private static String hostOf(URI uri) throws UpstreamNotAllowedException {
        if (uri.getHost() != null) {
            return uri.getHost();
        }
        String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
        String host = authority.replaceFirst(":[0-9]*$", "");
        if (host.isEmpty() || !isNumeric(host)) {
            throw refused("upstream URL has no valid host");
        }
        return host;
    }

    private InetAddress[] addressesOf(String host, String name) throws UpstreamNotAllowedException {
        try {
            if (host.startsWith("[")) {
                if (host.contains("%")) {
                    throw refused("upstream host must not carry an IPv6 zone id");
                }
                return new InetAddress[] {InetAddress.getByName(host)};
            }
            if (isNumeric(host)) {
                return new InetAddress[] {numericIpv4(host, name)};
            }
            InetAddress[] addresses = resolver.resolve(host);
            if (addresses == null || addresses.length == 0) {
                throw new UnknownHostException(host);
            }
            return addresses;
        } catch (UnknownHostException e) {
            throw refused("cannot resolve upstream host " + name);
        }
    }

    /**
     * Decodes inet_aton spellings (decimal, 0x hex, 0 octal, 1 to 4 parts); only dotted-quad passes.
     */
    private InetAddress numericIpv4(String host, String name) throws UpstreamNotAllowedException, UnknownHostException {
        String[] parts = name.split("\\.", -1);
        long value = parts.length > 4 ? -1 : 0;
        for (int i = 0; i < parts.length && value >= 0; i++) {
            boolean last = i == parts.length - 1;
            // The last part fills every remaining byte: 169.254.43518 is 169.254.169.254.
            int bits = last ? 8 * (5 - parts.length) : 8;
            int shift = last ? 0 : 8 * (3 - i);
            long part = number(parts[i]);
            value = part < 0 || part >= 1L << bits ? -1 : value | part << shift;
        }
        if (value < 0) {
            throw refused("upstream host " + name + " is not a valid IPv4 address");
        }
        InetAddress address = InetAddress.getByAddress(
                new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
        String reason = refusalReason(address.getAddress());
        if (reason != null) {
            throw refused("upstream host " + name + " is a forbidden address (" + reason + ")");
        }
        if (!host.equals(address.getHostAddress())) {
            throw refused("upstream host " + name + " must be written as a dotted-quad IPv4 address");
        }
        return address;
    }

    private static long number(String part) {
        try {
            if (part.startsWith("0x") || part.startsWith("0X")) {
                return part.length() == 2 ? 0 : Long.parseLong(part.substring(2), 16);
            }
            return Long.parseLong(part, part.length() > 1 && part.startsWith("0") ? 8 : 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Checks an address the HTTP client is about to connect to, so that a name which resolves differently the second
     * time (DNS rebinding) still cannot reach a forbidden address.
     */
    public void checkConnect(String host, InetAddress address) throws UpstreamNotAllowedException {
        String reason = refusalReason(address.getAddress());
        if (reason != null) {
            throw refused("upstream host " + host + " resolves to a forbidden address (" + reason + ")");
        }
    }

    /** Why an address is refused, or null when it may be called. */
    private String refusalReason(byte[] a) {
        return a.length == 4 ? ipv4Reason(a) : ipv6Reason(a);
    }

    private String ipv4Reason(byte[] a) {
        int b0 = a[0] & 0xff;
        int b1 = a[1] & 0xff;
        if (b0 == 0) {
            return "unspecified";
        } else if (b0 == 169 && b1 == 254) {
            return "link-local";
        } else if (b0 >= 224) {
            return b0 < 240 ? "multicast" : "broadcast or reserved";
        } else if (Arrays.equals(a, ALIBABA_METADATA_V4)) {
            return "cloud metadata";
        } else if (b0 == 127) {
            return allowPrivate ? null : "loopback";
        }
        boolean isPrivate =
                b0 == 10 || b0 == 172 && (b1 & 0xf0) == 16 || b0 == 192 && b1 == 168 || b0 == 100 && (b1 & 0xc0) == 64;
        return isPrivate && !allowPrivate ? "private" : null;
    }

    private String ipv6Reason(byte[] a) {
        if (Arrays.equals(a, AWS_METADATA_V6)) {
            return "cloud metadata";
        } else if (isZero(a, 16)) {
            return "unspecified";
        } else if (isZero(a, 15) && a[15] == 1) {
            return allowPrivate ? null : "loopback";
        } else if (isZero(a, 10) && a[10] == (byte) 0xff && a[11] == (byte) 0xff) {
            return embedded("IPv4-mapped", a, 12);
        } else if (isZero(a, 12)) {
            return embedded("IPv4-compatible", a, 12);
        } else if (Arrays.equals(a, 0, 12, NAT64_PREFIX, 0, 12)) {
            return embedded("NAT64", a, 12);
        } else if (Arrays.equals(a, 0, 6, NAT64_LOCAL_PREFIX, 0, 6)) {
            return "local-use NAT64";
        } else if (a[0] == 0x20 && a[1] == 0x02) {
            return embedded("6to4", a, 2);
        } else if (a[0] == (byte) 0xfe && (a[1] & 0xc0) == 0x80) {
            return "link-local";
        } else if (a[0] == (byte) 0xff) {
            return "multicast";
        }
        boolean isPrivate = (a[0] & 0xfe) == 0xfc || a[0] == (byte) 0xfe && (a[1] & 0xc0) == 0xc0;
        return isPrivate && !allowPrivate ? "private" : null;
    }

    private String embedded(String form, byte[] a, int from) {
        String reason = ipv4Reason(Arrays.copyOfRange(a, from, from + 4));
        return reason == null ? null : form + " " + reason;
    }

    private static boolean isZero(byte[] a, int length) {
        for (int i = 0; i < length; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumeric(String host) {
        String name = normalise(host);
        return NUMBER.matcher(name.substring(name.lastIndexOf('.') + 1)).matches();
    }

    private static boolean isMetadataName(String name) {
        String firstLabel = name.split("\\.", 2)[0];
        return METADATA_HOSTS.contains(name)
                || METADATA_FIRST_LABELS.contains(firstLabel) && name.endsWith(".internal");
    }

    /** Lower case, without IPv6 brackets or the one trailing dot of an absolute DNS name. */
    private static String normalise(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static byte[] v6(int... octets) {
        byte[] bytes = new byte[octets.length];
        for (int i = 0; i < octets.length; i++) {
            bytes[i] = (byte) octets[i];
        }
        return bytes;
    }

    private static UpstreamNotAllowedException refused(String message) {
        return new UpstreamNotAllowedException(message);
    }
}
