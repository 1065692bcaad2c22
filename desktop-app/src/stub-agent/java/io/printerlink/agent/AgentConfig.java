package io.printerlink.agent;

import java.net.URI;
import java.nio.file.Path;

/** Compile-time stub of the agreed agent API; used only until printer-agent lands on main. */
public final class AgentConfig {
  private AgentConfig() {}

  public static Builder builder() {
    return new Builder();
  }

  /** Stub builder. */
  public static final class Builder {
    public Builder relayUri(URI uri) {
      return this;
    }

    public Builder port(int port) {
      return this;
    }

    public Builder bindHost(String host) {
      return this;
    }

    public Builder stateDir(Path dir) {
      return this;
    }

    public Builder name(String name) {
      return this;
    }

    public Builder model(String model) {
      return this;
    }

    public Builder advertiseHost(String host) {
      return this;
    }

    public AgentConfig build() {
      return new AgentConfig();
    }
  }
}
