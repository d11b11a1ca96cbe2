package io.returnflow.partners;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.springframework.stereotype.Component;

/**
 * Keeps merchant-supplied partner URLs (a Shopify store, a NetSuite REST host) off the service's own
 * network: a merchant must not make the service call its loopback, private or link-local addresses
 * (the metadata service at 169.254.169.254, the broker, the database). Checked when the URL is
 * submitted (a 400 naming the field) and again when a connection is made, so a name that later
 * resolves to a private address ({@link #resolver()}) connects nowhere.
 */
@Component
public class PartnerHosts {

    private final PartnerHostProperties settings;

    public PartnerHosts(PartnerHostProperties settings) {
        this.settings = settings;
    }

    /** Why the URL may not be called, or empty when it may. */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Optional.of("must be an absolute https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean https = scheme.equals("https");
        if (uri.getHost() == null || !https && !(settings.allowPlainHttp() && scheme.equals("http"))) {
            return Optional.of(settings.allowPlainHttp() ? "must be an absolute http(s) URL" : "must be an absolute https URL");
        }
        if (uri.getUserInfo() != null) {
            return Optional.of("must not carry a user name or password");
        }
        return hostRefusal(uri.getHost());
    }

    /** Why a host may not be called (a private address, or a name resolving to one), or empty. */
    public Optional<String> hostRefusal(String host) {
        if (settings.allowPrivateHosts()) {
            return Optional.empty();
        }
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (name.equalsIgnoreCase("localhost") || name.toLowerCase(Locale.ROOT).endsWith(".localhost")) {
            return Optional.of("must not name a loopback, private or link-local host");
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(name)) {
                if (isPrivate(address)) {
                    return Optional.of("must not name a loopback, private or link-local host");
                }
            }
        } catch (UnknownHostException unknown) {
            // A name not resolvable now may be later; the resolver checks it at every connection.
        }
        return Optional.empty();
    }

    /** Whether a Shopify shop domain lies under one of {@code app.partners.shopify-domains}. */
    public boolean isShopifyDomain(String domain) {
        String lower = domain.toLowerCase(Locale.ROOT);
        return settings.shopifyDomains().stream()
                .map(d -> d.toLowerCase(Locale.ROOT).replaceFirst("^[*.]+", ""))
                .anyMatch(d -> lower.endsWith("." + d));
    }

    /** The domains a Shopify shop domain may be under, for messages. */
    public String shopifyDomains() {
        return String.join(", ", settings.shopifyDomains().stream().map(d -> "*." + d.replaceFirst("^[*.]+", "")).toList());
    }

    /** Resolves names as the system does and refuses private addresses, unless they are allowed. */
    public DnsResolver resolver() {
        DnsResolver system = SystemDefaultDnsResolver.INSTANCE;
        if (settings.allowPrivateHosts()) {
            return system;
        }
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                InetAddress[] addresses = system.resolve(host);
                for (InetAddress address : addresses) {
                    if (isPrivate(address)) {
                        throw new UnknownHostException(host + " resolves to a private address: not called");
                    }
                }
                return addresses;
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                return system.resolveCanonicalHostname(host);
            }
        };
    }

    static boolean isPrivate(InetAddress address) {
        byte[] bytes = address.getAddress();
        boolean uniqueLocalV6 = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
        boolean carrierGradeNat = bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocalV6 || carrierGradeNat;
    }
}
