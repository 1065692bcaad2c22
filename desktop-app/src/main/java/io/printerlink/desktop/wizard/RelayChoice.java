package io.printerlink.desktop.wizard;

import java.net.URI;

/** Where the account lives: the relay embedded on this computer, or a relay at a URL. */
public record RelayChoice(URI url) {
  /** The embedded relay with its demo printer. */
  public static RelayChoice embedded() {
    return new RelayChoice(null);
  }

  /** A relay at {@code text}: an http:// or https:// URL with a host, else IllegalArgumentException. */
  public static RelayChoice remote(String text) {
    URI uri;
    try {
      uri = new URI(text == null ? "" : text.strip());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("not a URL");
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
      throw new IllegalArgumentException("not an http:// or https:// URL with a host");
    }
    return new RelayChoice(uri);
  }

  public boolean isEmbedded() {
    return url == null;
  }
}
