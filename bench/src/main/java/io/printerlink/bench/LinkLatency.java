package io.printerlink.bench;

import io.printerlink.agent.AgentConfig;
import io.printerlink.agent.PrinterAgent;
import io.printerlink.desktop.core.CoreClients;
import io.printerlink.desktop.core.CoreConfig;
import io.printerlink.desktop.core.Credentials;
import io.printerlink.desktop.core.LinkStep;
import io.printerlink.desktop.core.LinkingCore;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.api.DiscoveredPrinter;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.api.LinkState;
import io.printerlink.relay.RelayServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * P1, link latency: real relay, real agents, the desktop's real linking core, over loopback
 * sockets. Each link gets a fresh agent (a new discovery window). Measured per link: from the
 * moment the core sends {@code POST /api/v1/link-requests} to the moment it sees {@code LINKED}
 * on its events socket (the relay's verify round trip to the agent, the token, the agent's
 * acknowledgement, the database writes). Also reported: the whole {@code link()} call (LAN
 * exchange, proof, events socket, request, LINKED) and agent start to visible.
 */
final class LinkLatency {
  private LinkLatency() {}

  static Report.Section run(int links, int warmup, Path work) throws Exception {
    SecureRandom random = new SecureRandom();
    ExecutorService executor = Executors.newCachedThreadPool();
    long[] request = new long[links];
    long[] whole = new long[links];
    long[] visible = new long[links];
    try (RelayServer relay = RelayServer.start(BenchRelay.config(work.resolve("relay"), 0));
        CoreClients clients = CoreClients.start(relay.httpUri(), CoreConfig.defaults())) {
      CoreConfig coreConfig = CoreConfig.defaults().withDiscoveryWait(Duration.ofSeconds(20));
      LinkingCore core = LinkingCore.create(clients, coreConfig, Clock.systemUTC(), System::nanoTime, random, executor);
      core.signIn(new Credentials("bench-p1-" + UUID.randomUUID().toString().substring(0, 8),
          Secret.fromText(UUID.randomUUID().toString()), true));
      for (int i = -warmup; i < links; i++) {
        Path state = Files.createDirectories(work.resolve("agent-" + (i + warmup)));
        long started = System.nanoTime();
        try (PrinterAgent agent = PrinterAgent.start(AgentConfig.builder()
            .relayUri(relay.httpUri())
            .port(0)
            .bindHost("127.0.0.1")
            .advertiseHost("127.0.0.1")
            .stateDir(state)
            .name("bench-" + (i + warmup))
            .model("Bench MK1")
            .build())) {
          DiscoveredPrinter printer = core.awaitSinglePrinter();
          long seen = System.nanoTime();
          long[] marks = new long[2];
          long linkStart = System.nanoTime();
          LinkRequestView result = core.link(printer, e -> {
            if (e.step() == LinkStep.REQUEST) {
              marks[0] = System.nanoTime();
            } else if (e.state() == LinkState.LINKED) {
              marks[1] = System.nanoTime();
            }
          });
          long linkEnd = System.nanoTime();
          if (result.linkState() != LinkState.LINKED) {
            throw new IllegalStateException("link " + i + " ended " + result.linkState() + ": " + result.reason());
          }
          if (i >= 0) {
            request[i] = marks[1] - marks[0];
            whole[i] = linkEnd - linkStart;
            visible[i] = seen - started;
          }
        }
        Bench.deleteTree(state);
        Bench.progress("P1", i, links);
      }
    } finally {
      executor.shutdownNow();
    }
    Stats req = Stats.of(request);
    Report.Section s = new Report.Section("P1 link latency");
    s.line("links: " + links + " sequential, each to a fresh agent (new discovery window), after " + warmup + " warm-up links");
    s.line("POST /link-requests -> LINKED on the events socket: " + req.line());
    s.line("whole link() (LAN exchange + proof + events socket + request + LINKED): " + Stats.of(whole).line());
    s.line("agent start -> listed for the client (agent boot, WS connect, announce, list): " + Stats.of(visible).line());
    s.verdict("P1 p99 <= 50 ms", req.percentileMs(99) <= 50, String.format(java.util.Locale.ROOT, "%.2f ms", req.percentileMs(99)));
    s.summary("P1 link latency (POST -> LINKED)", req);
    return s;
  }
}
