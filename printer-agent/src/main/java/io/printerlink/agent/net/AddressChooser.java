package io.printerlink.agent.net;

import io.printerlink.protocol.NetworkAddresses;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses the LAN addresses the agent announces, best first. Never resolves a name (so never
 * announces the 127.0.1.1 a hostname lookup gives on Debian-like systems).
 *
 * <ol>
 *   <li>The configured advertise host, if any, alone.
 *   <li>127.0.0.1 when the relay itself is on loopback (development on one machine).
 *   <li>Otherwise the private addresses (RFC 1918, IPv6 unique-local fc00::/7; never link-local,
 *       loopback or public) of the interfaces that are up, leaving out loopback and container or
 *       VM plumbing (names starting with {@link #CONTAINER_PREFIXES}, and OS bridges that do not
 *       carry the default route). Ranked: interfaces carrying a default route first (lower metric
 *       first), then the others; IPv4 before IPv6; ties by interface name and address, so the
 *       order the OS lists interfaces in changes nothing. Tunnels (VPNs: point-to-point interfaces
 *       and {@link #TUNNEL_PREFIXES}) count only when nothing else has a private address.
 * </ol>
 *
 * The host's interfaces and routes come through the {@link NetworkReader} seam; {@link #system()}
 * reads {@link NetworkInterface} and {@code /proc/net/route} / {@code /proc/net/ipv6_route}.
 */
public final class AddressChooser {
  /** Interfaces that belong to containers or local VMs, never the printer's LAN. */
  static final List<String> CONTAINER_PREFIXES =
      List.of("docker", "br-", "veth", "virbr", "cni", "flannel", "lxc", "lxd", "vmnet", "vboxnet", "podman", "kube");
  /** VPN and tunnel interfaces: a last resort. */
  static final List<String> TUNNEL_PREFIXES = List.of("tun", "tap", "wg", "zt", "tailscale", "ppp", "ipsec", "gre");

  /** One network interface as the chooser sees it. */
  public record NetInterface(
      String name, boolean up, boolean loopback, boolean virtual, boolean pointToPoint, List<InetAddress> addresses) {
    public NetInterface {
      Objects.requireNonNull(name, "name");
      addresses = List.copyOf(addresses);
    }

    /** An interface that is not point-to-point. */
    public NetInterface(String name, boolean up, boolean loopback, boolean virtual, List<InetAddress> addresses) {
      this(name, up, loopback, virtual, false, addresses);
    }
  }

  /** One routing table entry that matters here: which interface, whether it is a default route, its metric. */
  public record Route(String iface, boolean isDefault, long metric) {
    public Route {
      Objects.requireNonNull(iface, "iface");
    }
  }

  /** What the host looks like now: its interfaces and its routes. */
  public record HostNetwork(List<NetInterface> interfaces, List<Route> routes) {
    public HostNetwork {
      interfaces = List.copyOf(interfaces);
      routes = List.copyOf(routes);
    }
  }

  /** The seam over the OS, so the choice can be tested with the field cases' tables. */
  @FunctionalInterface
  public interface NetworkReader {
    HostNetwork read() throws IOException;
  }

  /**
   * The outcome: addresses best first (empty when none fits) and, when empty, why.
   *
   * @param addresses IP literals, best first
   * @param problem why nothing fits, or null
   */
  public record Choice(List<String> addresses, String problem) {
    public Choice {
      addresses = List.copyOf(addresses);
    }

    static Choice of(String address) {
      return new Choice(List.of(address), null);
    }

    static Choice none(String problem) {
      return new Choice(List.of(), problem);
    }

    /** The address announced as {@code privateIp}. */
    public Optional<String> primary() {
      return addresses.isEmpty() ? Optional.empty() : Optional.of(addresses.get(0));
    }

    /** The other plausible addresses, in the order the client should try them. */
    public List<String> alternatives() {
      return addresses.isEmpty() ? List.of() : addresses.subList(1, addresses.size());
    }
  }

  private final NetworkReader reader;
  private final boolean loopbackForLoopbackRelay;

  /** A chooser over {@code reader}, announcing 127.0.0.1 when the relay is on loopback. */
  public AddressChooser(NetworkReader reader) {
    this(reader, true);
  }

  /**
   * @param loopbackForLoopbackRelay whether a relay on loopback means announcing 127.0.0.1 (the
   *     development rule); tests that run a real relay on loopback but feed a field case's
   *     interface table turn it off
   */
  public AddressChooser(NetworkReader reader, boolean loopbackForLoopbackRelay) {
    this.reader = Objects.requireNonNull(reader, "reader");
    this.loopbackForLoopbackRelay = loopbackForLoopbackRelay;
  }

  /** A chooser over this machine's interfaces and routing tables. */
  public static AddressChooser system() {
    return new AddressChooser(SystemNetwork::read);
  }

  /** The addresses to announce; see the class comment for the rules. */
  public Choice choose(Optional<String> advertiseHost, URI relayUri) {
    if (advertiseHost.isPresent()) {
      return Choice.of(advertiseHost.get());
    }
    if (loopbackForLoopbackRelay && isLoopbackHost(relayUri.getHost())) {
      return Choice.of("127.0.0.1");
    }
    HostNetwork net;
    try {
      net = reader.read();
    } catch (IOException | RuntimeException e) {
      return Choice.none("cannot read the network interfaces (" + e.getClass().getSimpleName() + ")");
    }
    return rank(net);
  }

  static Choice rank(HostNetwork net) {
    Map<String, Long> defaultMetric = new HashMap<>();
    for (Route r : net.routes()) {
      if (r.isDefault()) {
        defaultMetric.merge(r.iface(), r.metric(), Math::min);
      }
    }
    List<Ranked> ranked = new ArrayList<>();
    for (NetInterface nif : net.interfaces()) {
      boolean carriesDefault = defaultMetric.containsKey(nif.name());
      if (!nif.up() || nif.loopback() || hasPrefix(nif.name(), CONTAINER_PREFIXES) || (nif.virtual() && !carriesDefault)) {
        continue;
      }
      boolean tunnel = nif.pointToPoint() || hasPrefix(nif.name(), TUNNEL_PREFIXES);
      for (InetAddress raw : nif.addresses()) {
        InetAddress a = withoutScope(NetworkAddresses.normalize(raw));
        if (!NetworkAddresses.isPrivate(a) || NetworkAddresses.isLinkLocal(a) || NetworkAddresses.isLoopback(a)) {
          continue;
        }
        ranked.add(new Ranked(
            a.getHostAddress(),
            tunnel,
            carriesDefault,
            carriesDefault ? defaultMetric.get(nif.name()) : Long.MAX_VALUE,
            a instanceof Inet4Address,
            nif.name()));
      }
    }
    boolean anyLan = ranked.stream().anyMatch(r -> !r.tunnel);
    ranked.removeIf(r -> anyLan && r.tunnel);
    ranked.sort(Comparator.comparing((Ranked r) -> r.tunnel)
        .thenComparing(r -> !r.carriesDefault)
        .thenComparingLong(r -> r.metric)
        .thenComparing(r -> !r.ipv4)
        .thenComparing(r -> r.iface)
        .thenComparing(r -> r.address));
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (Ranked r : ranked) {
      out.add(r.address);
    }
    if (out.isEmpty()) {
      return Choice.none("no private LAN address yet; waiting for the network (or set --advertise-host)");
    }
    return new Choice(new ArrayList<>(out), null);
  }

  /**
   * The address without its IPv6 scope: the OS lists every IPv6 address with its interface
   * ({@code fd00::2%eth0}), which is meaningless on another host and not an IP literal the
   * relay (or this agent's own announce check) accepts. Only unique-local addresses get this far,
   * and they need no scope.
   */
  static InetAddress withoutScope(InetAddress a) {
    if (a instanceof Inet6Address v6 && (v6.getScopeId() != 0 || v6.getScopedInterface() != null)) {
      try {
        return InetAddress.getByAddress(v6.getAddress());
      } catch (java.net.UnknownHostException e) {
        throw new IllegalStateException(e); // 16 bytes are always an address
      }
    }
    return a;
  }

  private record Ranked(String address, boolean tunnel, boolean carriesDefault, long metric, boolean ipv4, String iface) {}

  static boolean isLoopbackHost(String host) {
    if (host == null) {
      return false;
    }
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    return NetworkAddresses.parseLiteral(host).map(NetworkAddresses::isLoopback).orElse(false);
  }

  static boolean hasPrefix(String name, List<String> prefixes) {
    String n = name.toLowerCase(Locale.ROOT);
    return prefixes.stream().anyMatch(n::startsWith);
  }

  /** The real host: {@link NetworkInterface} and the Linux routing tables (no routes elsewhere). */
  static final class SystemNetwork {
    private SystemNetwork() {}

    static HostNetwork read() throws IOException {
      List<NetInterface> interfaces = new ArrayList<>();
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        boolean bridge = java.nio.file.Files.exists(java.nio.file.Path.of("/sys/class/net", nif.getName(), "bridge"));
        interfaces.add(new NetInterface(nif.getName(), nif.isUp(), nif.isLoopback(), nif.isVirtual() || bridge,
            nif.isPointToPoint(), Collections.list(nif.getInetAddresses())));
      }
      List<Route> routes = new ArrayList<>();
      routes.addAll(Routes.parseIpv4(readIfPresent("/proc/net/route")));
      routes.addAll(Routes.parseIpv6(readIfPresent("/proc/net/ipv6_route")));
      return new HostNetwork(interfaces, routes);
    }

    private static String readIfPresent(String file) {
      try {
        java.nio.file.Path p = java.nio.file.Path.of(file);
        return java.nio.file.Files.isReadable(p) ? java.nio.file.Files.readString(p) : "";
      } catch (IOException e) {
        return "";
      }
    }
  }
}
