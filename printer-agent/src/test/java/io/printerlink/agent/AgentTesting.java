package io.printerlink.agent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Waiting on the agent's status without sleeping. */
final class AgentTesting {
  private AgentTesting() {}

  static AgentStatus await(PrinterAgent agent, Predicate<AgentStatus> condition) throws Exception {
    CompletableFuture<AgentStatus> hit = new CompletableFuture<>();
    Consumer<AgentStatus> listener = s -> {
      if (condition.test(s)) {
        hit.complete(s);
      }
    };
    agent.addListener(listener);
    try {
      AgentStatus now = agent.status();
      if (condition.test(now)) {
        return now;
      }
      return hit.get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("status condition not met within 10 s; last status " + agent.status());
    } finally {
      agent.removeListener(listener);
    }
  }
}
