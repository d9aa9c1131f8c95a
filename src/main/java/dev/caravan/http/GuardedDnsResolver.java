package dev.caravan.http;

import dev.caravan.routing.UpstreamAddressGuard;
import dev.caravan.routing.UpstreamNotAllowedException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** The upstream client's resolver: every address it would connect to passes the SSRF guard first. */
public final class GuardedDnsResolver {
    private final UpstreamAddressGuard guard;

    public GuardedDnsResolver(UpstreamAddressGuard guard) {
        this.guard = guard;
    }

    /** The host's addresses (the JVM's cache answers repeated names), each one allowed by the guard. */
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = InetAddress.getAllByName(host);
        for (InetAddress address : addresses) {
            try {
                guard.checkConnect(host, address);
            } catch (UpstreamNotAllowedException e) {
                throw new UnknownHostException(e.getMessage());
            }
        }
        return addresses;
    }
}
