package io.printerlink.relay.net;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.NetworkAddresses;
import io.printerlink.relay.http.ApiException;
import io.printerlink.relay.limits.DefenceMetrics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.server.Request;

/**
 * The one place that decides a client's address, for HTTP requests and WebSocket upgrades alike
 * (an upgrade request is a {@link Request}). PROTOCOL.md "Client address":
 *
 * <ul>
 *   <li>The TCP peer, always, unless that peer lies in a configured trusted-proxy block. With no
 *       trusted proxy configured (the default) no header is ever read (T2).
 *   <li>When the peer is a trusted proxy, the chain of {@code Forwarded} (RFC 7239, {@code for=})
 *       or {@code X-Forwarded-For} is walked from the right; the first address that is not itself
 *       a trusted proxy is the client. If every hop is trusted, the leftmost one is.
 *   <li>A trusted proxy that sends neither header (its own health check) is taken as the client.
 *   <li>Fails closed: a chain that does not parse, whose walk meets a hop that is not an IP
 *       literal ({@code unknown}, an obfuscated name, a hostname) before an untrusted address, that
 *       has more than {@value #MAX_HOPS} hops, or where {@code Forwarded} and {@code X-Forwarded-For}
 *       name different clients, is refused with 400 {@code INVALID_FIELD}; the request goes no
 *       further. Such a chain never reaches a trusted proxy that works, so only a broken proxy or
 *       a client forging headers through a proxy that passes them on sees it. Only hops to the
 *       right of the answer are judged: garbage a client put on the far left is ignored.
 * </ul>
 */
public final class ClientAddressResolver {
  /** Longest forwarding chain accepted. */
  public static final int MAX_HOPS = 30;
  static final String FORWARDED = "Forwarded";
  static final String X_FORWARDED_FOR = "X-Forwarded-For";

  private final List<Cidr> trustedProxies;
  private final DefenceMetrics metrics;

  /** Trusts no proxy: the TCP peer is the client. */
  public ClientAddressResolver() {
    this(List.of(), new DefenceMetrics());
  }

  public ClientAddressResolver(List<Cidr> trustedProxies, DefenceMetrics metrics) {
    this.trustedProxies = List.copyOf(trustedProxies);
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /** The client's address as the relay believes it; 400 for a malformed chain from a trusted proxy. */
  public InetAddress clientAddress(Request request) {
    InetAddress peer = peer(request);
    if (!trusted(peer)) {
      return peer;
    }
    List<String> forwarded = request.getHeaders().getValuesList(FORWARDED);
    List<String> xff = request.getHeaders().getValuesList(X_FORWARDED_FOR);
    try {
      Optional<InetAddress> fromForwarded = forwarded.isEmpty() ? Optional.empty() : Optional.of(walk(forwardedHops(forwarded)));
      Optional<InetAddress> fromXff = xff.isEmpty() ? Optional.empty() : Optional.of(walk(xffHops(xff)));
      if (fromForwarded.isPresent() && fromXff.isPresent() && !fromForwarded.get().equals(fromXff.get())) {
        throw new Malformed("Forwarded and X-Forwarded-For name different clients");
      }
      return fromForwarded.or(() -> fromXff).orElse(peer);
    } catch (Malformed e) {
      metrics.recordForwardedHeaderRejected();
      throw new ApiException(400, ErrorCodes.INVALID_FIELD,
          "the proxy's forwarding header cannot be trusted: " + e.getMessage());
    }
  }

  /** The client's network key ({@link NetworkAddresses#networkKey}). */
  public String networkKey(Request request) {
    return NetworkAddresses.networkKey(clientAddress(request));
  }

  /** Whether {@code address} lies in a trusted-proxy block. */
  public boolean trusted(InetAddress address) {
    for (Cidr c : trustedProxies) {
      if (c.contains(address)) {
        return true;
      }
    }
    return false;
  }

  public List<Cidr> trustedProxies() {
    return trustedProxies;
  }

  private static InetAddress peer(Request request) {
    SocketAddress peer = request.getConnectionMetaData().getRemoteSocketAddress();
    if (peer instanceof InetSocketAddress) {
      InetAddress address = ((InetSocketAddress) peer).getAddress();
      if (address != null) {
        return NetworkAddresses.normalize(address);
      }
    }
    throw new IllegalStateException("connection has no IP peer address");
  }

  /** Right to left: the first hop that is not a trusted proxy; all trusted: the leftmost. */
  private InetAddress walk(List<String> hops) throws Malformed {
    if (hops.isEmpty()) {
      throw new Malformed("empty chain");
    }
    if (hops.size() > MAX_HOPS) {
      throw new Malformed("more than " + MAX_HOPS + " hops");
    }
    InetAddress last = null;
    for (int i = hops.size() - 1; i >= 0; i--) {
      last = node(hops.get(i));
      if (!trusted(last)) {
        return last;
      }
    }
    return last;
  }

  /** One node: an IP literal with an optional port ({@code 192.0.2.1:8080}, {@code [2001:db8::1]:443}). */
  private static InetAddress node(String raw) throws Malformed {
    String s = raw.trim();
    String host;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0) {
        throw new Malformed("unterminated IPv6 literal");
      }
      host = s.substring(1, close);
      port(s.substring(close + 1));
    } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
      host = s.substring(0, s.indexOf(':'));
      port(s.substring(s.indexOf(':')));
    } else {
      host = s;
    }
    return NetworkAddresses.parseLiteral(host).orElseThrow(() -> new Malformed("a hop is not an IP address"));
  }

  private static void port(String suffix) throws Malformed {
    if (suffix.isEmpty()) {
      return;
    }
    String digits = suffix.substring(1);
    if (suffix.charAt(0) != ':' || digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(Character::isDigit)
        || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > 65535) {
      throw new Malformed("a hop has a bad port");
    }
  }

  private static List<String> xffHops(List<String> headers) throws Malformed {
    List<String> hops = new ArrayList<>();
    for (String h : headers) {
      for (String part : h.split(",", -1)) {
        if (part.isBlank()) {
          throw new Malformed("empty hop");
        }
        hops.add(part.trim());
        if (hops.size() > MAX_HOPS) {
          throw new Malformed("more than " + MAX_HOPS + " hops");
        }
      }
    }
    return hops;
  }

  /** The {@code for=} value of each element of every {@code Forwarded} line, in order (RFC 7239 grammar). */
  private static List<String> forwardedHops(List<String> headers) throws Malformed {
    List<String> hops = new ArrayList<>();
    for (String h : headers) {
      for (String element : split(h, ',')) {
        String forValue = null;
        for (String pair : split(element, ';')) {
          int eq = pair.indexOf('=');
          if (eq <= 0) {
            throw new Malformed("a Forwarded pair has no name=value");
          }
          String name = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
          String value = unquote(pair.substring(eq + 1).trim());
          if ("for".equals(name)) {
            if (forValue != null) {
              throw new Malformed("a Forwarded element has two for= values");
            }
            forValue = value;
          }
        }
        if (forValue == null) {
          throw new Malformed("a Forwarded element has no for=");
        }
        hops.add(forValue);
        if (hops.size() > MAX_HOPS) {
          throw new Malformed("more than " + MAX_HOPS + " hops");
        }
      }
    }
    return hops;
  }

  /** Splits on {@code sep} outside quoted strings; an unbalanced quote or an empty part is malformed. */
  private static List<String> split(String s, char sep) throws Malformed {
    List<String> parts = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quoted && c == '\\' && i + 1 < s.length()) {
        cur.append(c).append(s.charAt(++i));
        continue;
      }
      if (c == '"') {
        quoted = !quoted;
      }
      if (c == sep && !quoted) {
        parts.add(nonBlank(cur.toString()));
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      throw new Malformed("unbalanced quote");
    }
    parts.add(nonBlank(cur.toString()));
    return parts;
  }

  private static String nonBlank(String part) throws Malformed {
    if (part.isBlank()) {
      throw new Malformed("empty element");
    }
    return part.trim();
  }

  private static String unquote(String v) throws Malformed {
    if (!v.startsWith("\"")) {
      return v;
    }
    if (v.length() < 2 || !v.endsWith("\"")) {
      throw new Malformed("bad quoted value");
    }
    return v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
  }

  /** A chain that cannot be trusted; the message never echoes header content. */
  private static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message, null, false, false);
    }
  }
}
