package io.printerlink.relay;

import java.net.URI;

/** Compile-time stub of the agreed relay API; used only until relay-server lands on main. */
public final class RelayServer implements AutoCloseable {
  private RelayServer() {}

  public static RelayServer start(RelayConfig config) throws Exception {
    throw new UnsupportedOperationException("the embedded relay is not built into this version yet");
  }

  public int port() {
    return 0;
  }

  public URI httpUri() {
    return URI.create("http://127.0.0.1:0/");
  }

  public URI wsUri() {
    return URI.create("ws://127.0.0.1:0/");
  }

  @Override
  public void close() {}
}
