package io.printerlink.bench;

import io.printerlink.desktop.core.EventsConnection;
import io.printerlink.desktop.core.EventsListener;
import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.relay.RelayServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * P2, discovery latency: from the moment an agent hands its first {@code announce} to its socket,
 * to the moment the client's events socket (the desktop's own {@code EventsClient}, strict
 * parsing included) delivers a {@code discovery} list naming that agent. The agents are
 * {@link SimAgent}s, so the first announce's send time is known exactly; each agent and its
 * client share one source address, rotating over {@value #KEYS} addresses.
 */
final class DiscoveryLatency {
  static final int KEYS = 20;

  private DiscoveryLatency() {}

  /** A client's live discovery list, with a one-shot wait for a given instance id to appear or the list to empty. */
  private static final class Watcher implements EventsListener {
    private final AtomicReference<String> awaited = new AtomicReference<>();
    private volatile CompletableFuture<Long> seen = new CompletableFuture<>();
    private volatile CompletableFuture<Long> empty = new CompletableFuture<>();

    void expect(String instanceId) {
      seen = new CompletableFuture<>();
      awaited.set(instanceId);
    }

    void expectEmpty() {
      empty = new CompletableFuture<>();
    }

    @Override
    public void onDiscovery(DiscoveryResponse d) {
      long at = System.nanoTime();
      String id = awaited.get();
      if (id != null && d.printers().stream().anyMatch(p -> p.instanceId().equals(id))) {
        seen.complete(at);
      }
      if (d.printers().isEmpty() && !DiscoveryResponse.MULTIPLE.equals(d.status())) {
        empty.complete(at);
      }
    }
  }

  static Report.Section run(int announces, int warmup, Path work) throws Exception {
    long[] samples = new long[announces];
    List<BoundClient> clients = new ArrayList<>();
    List<Watcher> watchers = new ArrayList<>();
    List<EventsConnection> sockets = new ArrayList<>();
    HttpClient agentHttp = new HttpClient();
    WebSocketClient agentWs = new WebSocketClient(agentHttp);
    try (RelayServer relay = RelayServer.start(BenchRelay.config(work.resolve("relay"), 0))) {
      QueuedThreadPool pool = new QueuedThreadPool(16, 2);
      pool.setName("bench-sim-agents");
      pool.setDaemon(true);
      agentHttp.setExecutor(pool);
      agentWs.start();
      URI wsUri = relay.wsUri();
      for (int k = 0; k < KEYS; k++) {
        BoundClient c = BoundClient.start(relay.httpUri(), BoundTransport.sourceAddress(2, k));
        Watcher w = new Watcher();
        clients.add(c);
        watchers.add(w);
        sockets.add(c.events().connect(c.session(), w));
      }
      for (int i = -warmup; i < announces; i++) {
        int k = Math.floorMod(i, KEYS);
        Watcher w = watchers.get(k);
        SimAgent agent = new SimAgent(BoundTransport.sourceAddress(2, k), System::nanoTime, SwarmEvents.IGNORE);
        w.expect(agent.instanceId());
        agent.connect(agentWs, wsUri).get(10, TimeUnit.SECONDS);
        agent.announce();
        long shown = w.seen.get(10, TimeUnit.SECONDS);
        if (i >= 0) {
          samples[i] = shown - agent.firstAnnounceNanos();
        }
        w.expectEmpty();
        agent.close();
        w.empty.get(10, TimeUnit.SECONDS);
        Bench.progress("P2", i, announces);
      }
    } finally {
      sockets.forEach(EventsConnection::close);
      clients.forEach(BoundClient::close);
      try {
        agentWs.stop();
        agentHttp.stop();
      } catch (Exception e) {
        // on the way out
      }
    }
    Stats st = Stats.of(samples);
    Report.Section s = new Report.Section("P2 discovery latency");
    s.line("announces: " + announces + " sequential first announces (fresh instance id each), after " + warmup
        + " warm-up ones, over " + KEYS + " network keys (one signed-in client watching each)");
    s.line("first announce sent -> client's events socket lists it: " + st.line());
    s.verdict("P2 p99 <= 300 ms", st.percentileMs(99) <= 300, String.format(java.util.Locale.ROOT, "%.2f ms", st.percentileMs(99)));
    s.summary("P2 discovery latency (announce -> listed)", st);
    return s;
  }
}
