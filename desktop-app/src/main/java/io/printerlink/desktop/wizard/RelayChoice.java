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
    URI uri = io.printerlink.protocol.RelayUrls.parse(t);
    return new RelayChoice(uri);
  }

  public boolean isEmbedded() {
    return url == null;
  }
}
