package io.printerlink.relay;

import java.nio.file.Path;

/** Compile-time stub of the agreed relay API; used only until relay-server lands on main. */
public final class RelayConfig {
  private RelayConfig() {}

  public static Builder builder() {
    return new Builder();
  }

  /** Stub builder. */
  public static final class Builder {
    public Builder port(int port) {
      return this;
    }

    public Builder bindHost(String host) {
      return this;
    }

    public Builder dataDir(Path dir) {
      return this;
    }

    public Builder allowLoopbackAgents(boolean allow) {
      return this;
    }

    public RelayConfig build() {
      return new RelayConfig();
    }
  }
}
