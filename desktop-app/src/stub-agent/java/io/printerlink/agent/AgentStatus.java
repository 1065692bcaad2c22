package io.printerlink.agent;

/** Compile-time stub of the agreed agent API; used only until printer-agent lands on main. */
public final class AgentStatus {
  private AgentStatus() {}
}
