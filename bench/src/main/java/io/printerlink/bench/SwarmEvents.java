package io.printerlink.bench;

/** {@link SimAgent.Events} that ignore everything (single agents whose caller waits on the client side). */
final class SwarmEvents {
  static final SimAgent.Events IGNORE = new SimAgent.Events() {
    @Override
    public void announced(SimAgent agent, long atNanos) {}

    @Override
    public void error(SimAgent agent, String code) {}

    @Override
    public void lost(SimAgent agent, int status, String reason) {}
  };

  private SwarmEvents() {}
}
