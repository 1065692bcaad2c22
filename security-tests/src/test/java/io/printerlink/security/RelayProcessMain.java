package io.printerlink.security;

import io.printerlink.relay.RelayConfig;
import io.printerlink.relay.RelayServer;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A real relay in its own JVM, for the fault test T12 (test code only, started by
 * {@link ChildJvm}): the same settings as {@link AttackFixture}'s relay, on a given port and data
 * folder. Arguments: port, data folder. Prints {@link #READY} once it serves; then runs until the
 * parent kills it with SIGKILL, so nothing of a graceful stop (failing link requests, closing the
 * database cleanly) happens: the restarted relay finds exactly what a crash leaves.
 */
public final class RelayProcessMain {
  static final String READY = "T12-RELAY-READY";

  private RelayProcessMain() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    RelayServer relay = RelayServer.start(AttackFixture.relayConfig(Integer.parseInt(args[0]), Path.of(args[1])).build());
    out.println(READY + " " + relay.port());
    new CountDownLatch(1).await();
  }
}
