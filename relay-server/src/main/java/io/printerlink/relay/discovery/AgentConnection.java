package io.printerlink.relay.discovery;

import io.printerlink.relay.ws.WsChannel;

/** One unlinked agent's {@code /agent/v1/discovery} socket and the network key it came from. */
public final class AgentConnection {
  private final WsChannel channel;
  private final String networkKey;

  public AgentConnection(WsChannel channel, String networkKey) {
    this.channel = channel;
    this.networkKey = networkKey;
  }

  public WsChannel channel() {
    return channel;
  }

  public String networkKey() {
    return networkKey;
  }

  @Override
  public String toString() {
    return "agent " + channel;
  }
}
