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
