package io.printerlink.desktop.wizard;

import java.net.URI;

/** Where the account lives: the relay embedded on this computer, or a relay at a URL. */
public record RelayChoice(URI url) {
  /** The embedded relay with its demo printer. */
  public static RelayChoice embedded() {
    return new RelayChoice(null);
  }

  /**
   * A relay at {@code text}: an http:// or https:// URL with a host and nothing after its path;
   * a bare host ({@code relay.example.org}, {@code relay.example.org:8443}) means https. Anything
   * else is an IllegalArgumentException.
   */
  public static RelayChoice remote(String text) {
    String t = text == null ? "" : text.strip();
    if (!t.isEmpty() && !t.contains("://")) {
      t = "https://" + t;
    }
    URI uri;
    try {
      uri = new URI(t);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("not a URL");
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
      throw new IllegalArgumentException("not an http:// or https:// URL with a host");
    }
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("a relay address has no user name, query or fragment");
    }
    return new RelayChoice(uri);
  }

  public boolean isEmbedded() {
    return url == null;
  }
}
