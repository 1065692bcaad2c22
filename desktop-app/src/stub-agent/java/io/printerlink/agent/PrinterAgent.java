package io.printerlink.agent;

import java.util.function.Consumer;

/** Compile-time stub of the agreed agent API; used only until printer-agent lands on main. */
public final class PrinterAgent implements AutoCloseable {
  private PrinterAgent() {}

  public static PrinterAgent start(AgentConfig config) throws Exception {
    throw new UnsupportedOperationException("the demo printer agent is not built into this version yet");
  }

  public int exchangePort() {
    return 0;
  }

  public AgentStatus status() {
    return null;
  }

  public void addListener(Consumer<AgentStatus> listener) {}

  @Override
  public void close() {}
}
