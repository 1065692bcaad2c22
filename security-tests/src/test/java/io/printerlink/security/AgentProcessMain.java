package io.printerlink.security;

import io.printerlink.agent.AgentConfig;
import io.printerlink.agent.PrinterAgent;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A real printer agent in its own JVM, for the fault test T12 (test code only, started by
 * {@link ChildJvm}). Arguments: relay URL, state folder, agent name. It prints
 * {@link #TOKEN_ARRIVED} on stdout when the relay's printer token arrives and then holds the
 * agent thread, so the token is neither written nor acknowledged until the parent kills the
 * process: the kill lands exactly between {@code verified} and {@code token-stored}.
 */
public final class AgentProcessMain {
  static final String TOKEN_ARRIVED = "T12-TOKEN-ARRIVED";
  static final String READY = "T12-AGENT-READY";

  private AgentProcessMain() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    CountDownLatch never = new CountDownLatch(1);
    AgentConfig config = AgentConfig.builder()
        .relayUri(URI.create(args[0]))
        .stateDir(Path.of(args[1]))
        .name(args[2])
        .port(0)
        .bindHost(AttackFixture.HOME)
        .advertiseHost(AttackFixture.HOME)
        .beforeTokenStore(() -> {
          out.println(TOKEN_ARRIVED);
          try {
            never.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        })
        .build();
    try (PrinterAgent agent = PrinterAgent.start(config)) {
      out.println(READY + " " + agent.exchangePort());
      never.await();
    }
  }
}
