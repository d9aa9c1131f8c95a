package dev.caravan.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UpstreamAddressGuardTest {

    private static final Map<String, InetAddress[]> DNS = Map.of(
            "api.openai.com", addresses("104.18.1.1"),
            "evil.example", addresses("169.254.169.254"),
            "mapped.example", new InetAddress[] {mapped(169, 254, 169, 254)},
            "mapped-v6.example", new InetAddress[] {v6("mapped-v6.example", mapped(169, 254, 169, 254))},
            "imds-v6.example", addresses("fd00:ec2::254"),
            "round-robin.example", addresses("104.18.1.1", "104.18.1.2", "169.254.169.254"),
            "localhost", addresses("127.0.0.1", "::1"),
            "vllm.lan", addresses("10.0.0.7"));

    /** Like real DNS: case-insensitive, and a trailing dot only marks the name absolute. */
    private static final UpstreamAddressGuard.Resolver FAKE_DNS = host -> {
        InetAddress[] found = DNS.get(host.toLowerCase(Locale.ROOT).replaceFirst("\\.$", ""));
        if (found == null) {
            throw new UnknownHostException(host);
        }
        return found;
    };

    private final UpstreamAddressGuard guard = new UpstreamAddressGuard(true, Set.of(), FAKE_DNS);
    private final UpstreamAddressGuard strict = new UpstreamAddressGuard(false, Set.of(), FAKE_DNS);

    @Test
    void aNameIsResolvedOnEveryCheckSoOneThatNowPointsAtMetadataIsRefused() throws Exception {
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        UpstreamAddressGuard rebinding = new UpstreamAddressGuard(
                true,
                Set.of(),
                host -> lookups.incrementAndGet() == 1 ? addresses("104.18.1.1") : addresses("169.254.169.254"));

        assertThat(rebinding.check("https://rebind.example/v1")).hasHost("rebind.example");
        assertThatThrownBy(() -> rebinding.check("https://rebind.example/v1"))
                .isInstanceOf(UpstreamNotAllowedException.class);
        assertThat(lookups).hasValue(2);
    }

    @Test
    void anIpLiteralGetsTheSameVerdictEveryTimeItIsChecked() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(guard.check("http://127.0.0.1:8000/v1/")).isEqualTo(URI.create("http://127.0.0.1:8000/v1"));
            assertThat(guard.check("http://[::1]:8000/v1")).hasHost("[::1]");
            assertThatThrownBy(() -> guard.check("http://169.254.169.254/latest"))
                    .isInstanceOf(UpstreamNotAllowedException.class);
            assertThatThrownBy(() -> strict.check("http://10.0.0.5:8000/v1"))
                    .isInstanceOf(UpstreamNotAllowedException.class);
        }
    }

    @Test
    void publicHostIsAllowedAndReturnedUnchanged() throws Exception {
        assertThat(guard.check("https://api.openai.com/v1")).isEqualTo(URI.create("https://api.openai.com/v1"));
    }

    @Test
    void oneTrailingSlashIsStripped() throws Exception {
        assertThat(guard.check("https://api.openai.com/v1/")).isEqualTo(URI.create("https://api.openai.com/v1"));
        assertThat(guard.check("https://api.openai.com/")).isEqualTo(URI.create("https://api.openai.com"));
    }

    @Test
    void loopbackIsAllowedByDefault() throws Exception {
        assertThat(guard.check("http://localhost:11434/v1")).hasPort(11434);
        assertThat(guard.check("http://127.0.0.1:8000/v1")).hasHost("127.0.0.1");
        assertThat(guard.check("http://[::1]:8000/v1")).hasHost("[::1]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:11434/v1", "http://127.0.0.1:8000", "http://[::1]:8000"})
    void loopbackIsRefusedWhenPrivateAddressesAreNotAllowed(String url) {
        assertRefused(strict, url, "loopback");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://vllm.lan/v1",
                "http://10.1.2.3",
                "http://172.16.0.1",
                "http://172.31.255.255",
                "http://192.168.1.10",
                "http://100.64.0.1",
                "http://[fc00::1]",
                "http://[fd12:3456::1]"
            })
    void privateRangesAreAllowedByDefaultAndRefusedWhenNotAllowed(String url) throws Exception {
        assertThat(guard.check(url)).isNotNull();
        assertRefused(strict, url, "private");
    }

    @Test
    void addressesNextToPrivateRangesStayPublic() throws Exception {
        assertThat(strict.check("http://172.32.0.1")).isNotNull();
        assertThat(strict.check("http://100.128.0.1")).isNotNull();
    }

    @Test
    void dnsNameResolvingToLinkLocalIsRefused() {
        assertRefused(guard, "http://evil.example/v1", "link-local");
    }

    @Test
    void dnsNameResolvingToMappedLinkLocalIsRefused() {
        assertRefused(guard, "http://mapped.example/v1", "link-local");
        assertRefused(guard, "http://mapped-v6.example/v1", "IPv4-mapped link-local");
    }

    @Test
    void dnsNameResolvingToAwsIpv6MetadataIsRefused() {
        assertRefused(guard, "http://imds-v6.example", "cloud metadata");
    }

    @Test
    void multiAddressResultWithOneBadAddressIsRefused() {
        assertRefused(guard, "http://round-robin.example/v1", "link-local");
    }

    @Test
    void unresolvableHostIsRefused() {
        assertRefused(guard, "https://nowhere.example/v1", "cannot resolve upstream host nowhere.example");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://169.254.169.254/latest/meta-data",
                "http://2852039166/",
                "http://0xa9fea9fe/",
                "http://0XA9FEA9FE/",
                "http://0xa9.0xfe.0xa9.0xfe/",
                "http://0251.0376.0251.0376/",
                "http://0251.0376.0251.0376:80/",
                "http://169.254.43518/",
                "http://169.16689662/",
                "http://0xa9.254.0251.254/",
                "http://169.254.169.254./"
            })
    void everySpellingOfTheMetadataAddressIsRefused(String url) {
        assertRefused(guard, url, "link-local");
    }

    @ParameterizedTest
    @CsvSource({
        "http://[::ffff:169.254.169.254]/, link-local",
        "http://[::ffff:a9fe:a9fe]/, link-local",
        "http://[::169.254.169.254]/, IPv4-compatible link-local",
        "http://[64:ff9b::169.254.169.254]/, NAT64 link-local",
        "http://[64:ff9b:1::a9fe:a9fe]/, local-use NAT64",
        "http://[2002:a9fe:a9fe::1]/, 6to4 link-local",
        "http://[fe80::1]/, link-local",
        "http://[fd00:ec2::254]/, cloud metadata",
        "http://[FD00:EC2:0:0:0:0:0:254]/, cloud metadata"
    })
    void ipv6FormsOfForbiddenAddressesAreRefused(String url, String reason) {
        assertRefused(guard, url, reason);
    }

    @ParameterizedTest
    @CsvSource({
        "http://0.0.0.0/, unspecified",
        "http://0/, unspecified",
        "http://[::]/, unspecified",
        "http://224.0.0.1/, multicast",
        "http://[ff02::1]/, multicast",
        "http://255.255.255.255/, broadcast",
        "http://100.100.100.200/, cloud metadata"
    })
    void anyLocalMulticastBroadcastAndAlibabaMetadataAreRefused(String url, String reason) {
        assertRefused(guard, url, reason);
    }

    @Test
    void embeddedPrivateAddressFollowsThePrivateSetting() throws Exception {
        assertThat(guard.check("http://[::ffff:10.0.0.1]/")).isNotNull();
        assertRefused(strict, "http://[64:ff9b::10.0.0.1]/", "NAT64 private");
        assertRefused(strict, "http://[2002:7f00:1::]/", "6to4 loopback");
    }

    @Test
    void nonCanonicalSpellingOfAnAllowedAddressIsRefused() {
        assertRefused(guard, "http://0x7f000001/", "dotted-quad");
        assertRefused(guard, "http://1.2.3.4.5/", "not a valid IPv4 address");
        assertRefused(guard, "http://1.2.3.09/", "not a valid IPv4 address");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://metadata.google.internal/computeMetadata/v1",
                "http://METADATA.Google.Internal./",
                "http://metadata/",
                "http://metadata./",
                "http://metadata.goog/",
                "http://instance-data/",
                "http://instance-data.ec2.internal/",
                "http://metadata.azure.internal/"
            })
    void metadataHostNamesAreRefused(String url) {
        assertRefused(guard, url, "cloud metadata endpoint");
    }

    @Test
    void credentialsInTheUrlAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> guard.check("https://user:s3cret@api.openai.com/v1"))
                .isInstanceOf(UpstreamNotAllowedException.class)
                .hasMessageContaining("credentials")
                .hasMessageNotContaining("s3cret");
        assertRefused(guard, "http://user@0251.0376.0251.0376/", "credentials");
    }

    @Test
    void invalidUriIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> guard.check("https://api.openai.com/v1 s3cret"))
                .isInstanceOf(UpstreamNotAllowedException.class)
                .hasMessageNotContaining("s3cret");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://api.openai.com/",
                "file:///etc/passwd",
                "gopher://x/",
                "api.openai.com/v1",
                "/v1",
                "http:api"
            })
    void nonHttpOrRelativeUrlsAreRefused(String url) {
        assertRefused(guard, url, "absolute http or https URL");
    }

    @Test
    void queryAndFragmentAreRefused() {
        assertRefused(guard, "https://api.openai.com/v1?api-version=1", "query");
        assertRefused(guard, "https://api.openai.com/v1#top", "fragment");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http:///v1", "http://my_host/", "http://%31%32/"})
    void urlsWithoutAUsableHostAreRefused(String url) {
        assertRefused(guard, url, "no valid host");
    }

    @Test
    void ipv6ZoneIdIsRefused() {
        assertRefused(guard, "http://[fe80::1%25eth0]/", "zone id");
    }

    @Test
    void outOfRangePortIsRefused() {
        assertRefused(guard, "http://api.openai.com:99999/v1", "invalid port");
    }

    @Test
    void emptyUrlIsRefused() {
        assertRefused(guard, "", "empty");
        assertRefused(guard, null, "empty");
    }

    @Test
    void allowListIsHonouredCaseInsensitively() throws Exception {
        UpstreamAddressGuard listed = new UpstreamAddressGuard(true, Set.of("API.OpenAI.com"), FAKE_DNS);
        assertThat(listed.check("https://api.openai.com/v1")).hasHost("api.openai.com");
        assertThat(listed.check("https://Api.OpenAI.com./v1")).isNotNull();
        assertRefused(listed, "http://vllm.lan/v1", "not in the allow-list");
    }

    @Test
    void allowListDoesNotOverrideTheAddressChecks() {
        UpstreamAddressGuard listed = new UpstreamAddressGuard(true, Set.of("evil.example"), FAKE_DNS);
        assertRefused(listed, "http://evil.example/", "link-local");
    }

    private static void assertRefused(UpstreamAddressGuard guard, String url, String reason) {
        assertThatThrownBy(() -> guard.check(url))
                .isInstanceOf(UpstreamNotAllowedException.class)
                .hasMessageContaining(reason);
    }

    private static InetAddress[] addresses(String... literals) {
        InetAddress[] result = new InetAddress[literals.length];
        for (int i = 0; i < literals.length; i++) {
            try {
                result[i] = InetAddress.getByName(literals[i]);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(literals[i], e);
            }
        }
        return result;
    }

    /**
     * Java turns a 16-byte ::ffff:a.b.c.d into an Inet4Address here; the guard must cope either way.
     */
    private static InetAddress mapped(int a, int b, int c, int d) {
        byte[] bytes = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) a, (byte) b, (byte) c, (byte) d};
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Inet6Address.getByAddress keeps the mapped form as an Inet6Address, as some resolvers do. */
    private static InetAddress v6(String host, InetAddress v4) {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        System.arraycopy(v4.getAddress(), 0, bytes, 12, 4);
        try {
            return Inet6Address.getByAddress(host, bytes, -1);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
