package io.printerlink.protocol;

import java.net.URI;
import java.util.Locale;

/**
 * The URLs of the relay's endpoints under the relay URL a user gave. A relay published under a
 * path by a reverse proxy ({@code https://example.org/printerlink/}) keeps that path: its API is
 * then at {@code https://example.org/printerlink/api/v1/...}. Shared by the agent and the client.
 */
public final class RelayUrls {
  private RelayUrls() {}

  /**
   * Parses a relay URL a user typed: http:// or https:// (any case; returned in lower case), a
   * host, a port from 1 to 65535 if any, no user name or password (it would be logged), no query
   * or fragment; a path is kept (a relay published under a reverse-proxy path).
   *
   * @throws IllegalArgumentException naming what is wrong, without echoing the text
   */
  public static URI parse(String text) {
    URI uri;
    try {
      uri = new URI(text == null ? "" : text.strip());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("not an http:// or https:// URL");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("no host name or address");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("a relay URL holds no user name or password");
    }
    if (uri.getPort() == 0 || uri.getPort() > 65535) {
      throw new IllegalArgumentException("the port must be from 1 to 65535");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("a relay URL has no ?query or #fragment");
    }
    return URI.create(scheme + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath()));
  }

  /** The HTTP(S) URL of {@code path} (starting with '/') under {@code relay}. */
  public static URI http(URI relay, String path) {
    return URI.create(relay.getScheme().toLowerCase(Locale.ROOT) + "://" + relay.getRawAuthority() + basePath(relay) + path);
  }

  /** The WebSocket URL of {@code path} under {@code relay}: http becomes ws, https becomes wss. */
  public static URI webSocket(URI relay, String path) {
    String scheme = relay.getScheme().toLowerCase(Locale.ROOT).equals("https") ? "wss" : "ws";
    return URI.create(scheme + "://" + relay.getRawAuthority() + basePath(relay) + path);
  }

  /**
   * Whether {@code a} and {@code b} name the same relay: scheme and host compared without case,
   * default ports filled in, trailing slashes of the path ignored.
   */
  public static boolean sameRelay(URI a, URI b) {
    return a.getScheme() != null && b.getScheme() != null && a.getHost() != null && b.getHost() != null
        && a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b)
        && basePath(a).equals(basePath(b));
  }

  private static int port(URI u) {
    if (u.getPort() >= 0) {
      return u.getPort();
    }
    return u.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }

  private static String basePath(URI relay) {
    String base = relay.getRawPath() == null ? "" : relay.getRawPath();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base;
  }
}
