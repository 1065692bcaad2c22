package io.printerlink.agent.net;

import io.printerlink.protocol.NetworkAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses the private address the agent announces (the walking-skeleton rule; a later issue makes
 * it thorough): the configured advertise host if any; else 127.0.0.1 when the relay itself is on
 * loopback (a development setup on one machine); else the first up, non-loopback, non-virtual
 * interface's private IPv4 address. Never resolves a name.
 */
public final class AddressChooser {
  /** Name prefixes of interfaces that are bridges or tunnels, not the LAN the printer is on. */
  static final List<String> VIRTUAL_PREFIXES =
      List.of("docker", "veth", "br-", "virbr", "vmnet", "vboxnet", "tun", "tap", "wg", "zt", "lxc", "cni", "flannel");

  /** One network interface as the chooser sees it. */
  public record NetInterface(String name, boolean up, boolean loopback, boolean virtual, List<InetAddress> addresses) {
    public NetInterface {
      Objects.requireNonNull(name, "name");
      addresses = List.copyOf(addresses);
    }
  }

  /** The seam over {@link NetworkInterface}, so the choice can be tested with made-up interfaces. */
  @FunctionalInterface
  public interface InterfaceLister {
    List<NetInterface> list() throws SocketException;
  }

  private final InterfaceLister lister;

  public AddressChooser(InterfaceLister lister) {
    this.lister = Objects.requireNonNull(lister, "lister");
  }

  /** A chooser over this machine's interfaces. */
  public static AddressChooser system() {
    return new AddressChooser(AddressChooser::systemInterfaces);
  }

  /**
   * The address to announce, or empty when none fits (the agent then cannot be discovered and says
   * so in its status).
   */
  public Optional<String> choose(Optional<String> advertiseHost, URI relayUri) {
    if (advertiseHost.isPresent()) {
      return advertiseHost;
    }
    if (isLoopbackHost(relayUri.getHost())) {
      return Optional.of("127.0.0.1");
    }
    List<NetInterface> interfaces;
    try {
      interfaces = lister.list();
    } catch (SocketException e) {
      return Optional.empty();
    }
    for (NetInterface nif : interfaces) {
      if (!nif.up() || nif.loopback() || nif.virtual() || looksVirtual(nif.name())) {
        continue;
      }
      for (InetAddress a : nif.addresses()) {
        if (a instanceof Inet4Address && NetworkAddresses.isPrivate(a)) {
          return Optional.of(a.getHostAddress());
        }
      }
    }
    return Optional.empty();
  }

  static boolean isLoopbackHost(String host) {
    if (host == null) {
      return false;
    }
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    return NetworkAddresses.parseLiteral(host).map(NetworkAddresses::isLoopback).orElse(false);
  }

  static boolean looksVirtual(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return VIRTUAL_PREFIXES.stream().anyMatch(n::startsWith);
  }

  private static List<NetInterface> systemInterfaces() throws SocketException {
    List<NetInterface> out = new ArrayList<>();
    for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      out.add(new NetInterface(
          nif.getName(), nif.isUp(), nif.isLoopback(), nif.isVirtual(), Collections.list(nif.getInetAddresses())));
    }
    return out;
  }
}
