package dev.caravan.http;

import dev.caravan.routing.UpstreamAddressGuard;
import dev.caravan.routing.UpstreamNotAllowedException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/** The HTTP client's resolver: every address it would connect to passes the SSRF guard first. */
public final class GuardedDnsResolver implements DnsResolver {
    private final UpstreamAddressGuard guard;

    public GuardedDnsResolver(UpstreamAddressGuard guard) {
        this.guard = guard;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
        for (InetAddress address : addresses) {
            try {
                guard.checkConnect(host, address);
            } catch (UpstreamNotAllowedException e) {
                throw new UnknownHostException(e.getMessage());
            }
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }
}
