package io.printerlink.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * One P3 agent process: many {@link SimAgent}s, each from its own 127.x.y.z address (block
 * {@code block=}), heartbeating every 5 s, spread evenly over the period. Commands on stdin:
 * {@code add N} (connect N more, answer {@code ADDED <connected> <failed>}), {@code stats}
 * (answer {@code STATS connected= announced= lost= errors= lastLost=}), {@code quit}.
 */
final class AgentSwarm implements SimAgent.Events {
  private static final int SLOTS = 50;
  private static final long SLOT_MILLIS = 100;
  private static final int IN_FLIGHT = 200;

  private final List<SimAgent> agents = new CopyOnWriteArrayList<>();
  private final AtomicLong announced = new AtomicLong();
  private final AtomicLong lost = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicReference<String> lastProblem = new AtomicReference<>("-");
  private final AtomicLong tick = new AtomicLong();

  @Override
  public void announced(SimAgent agent, long atNanos) {
    announced.incrementAndGet();
  }

  @Override
  public void error(SimAgent agent, String code) {
    errors.incrementAndGet();
    lastProblem.set("error " + code + " at " + agent.source());
  }

  @Override
  public void lost(SimAgent agent, int status, String reason) {
    lost.incrementAndGet();
    lastProblem.set("closed " + status + " " + reason + " at " + agent.source());
  }

  static void main(Map<String, String> opts) throws Exception {
    URI relay = URI.create(opts.getOrDefault("relay", "ws://127.0.0.1:8080"));
    int block = BenchMain.intOpt(opts, "block", 100);
    AgentSwarm swarm = new AgentSwarm();
    HttpClient http = new HttpClient();
    QueuedThreadPool pool = new QueuedThreadPool(16, 2);
    pool.setName("swarm");
    pool.setDaemon(true);
    http.setExecutor(pool);
    http.setMaxConnectionsPerDestination(100_000);
    http.setConnectTimeout(20_000);
    WebSocketClient ws = new WebSocketClient(http);
    ws.setIdleTimeout(java.time.Duration.ofMinutes(30));
    ws.start();
    ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor();
    beats.scheduleAtFixedRate(swarm::beat, SLOT_MILLIS, SLOT_MILLIS, TimeUnit.MILLISECONDS);
    System.out.println("READY");
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null && !"quit".equals(line.trim())) {
      String[] parts = line.trim().split("\\s+");
      if ("add".equals(parts[0]) && parts.length == 2) {
        long failed = swarm.add(ws, relay, block, Integer.parseInt(parts[1]));
        System.out.println("ADDED " + swarm.agents.size() + " " + failed);
      } else if ("stats".equals(parts[0])) {
        System.out.println("STATS connected=" + swarm.agents.size() + " announced=" + swarm.announced.get()
            + " lost=" + swarm.lost.get() + " errors=" + swarm.errors.get() + " lastProblem=" + swarm.lastProblem.get());
      }
    }
    beats.shutdownNow();
    swarm.agents.forEach(SimAgent::close);
    ws.stop();
    http.stop();
    System.exit(0);
  }

  /** Connects {@code n} more agents, at most {@value #IN_FLIGHT} handshakes at a time; returns failures. */
  private long add(WebSocketClient ws, URI relay, int block, int n) throws InterruptedException {
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    AtomicLong failed = new AtomicLong();
    int first = agents.size();
    List<CompletableFuture<?>> pending = new CopyOnWriteArrayList<>();
    for (int i = first; i < first + n; i++) {
      SimAgent agent = new SimAgent(BoundTransport.sourceAddress(block, i), System::nanoTime, this);
      inFlight.acquire();
      CompletableFuture<?> f;
      try {
        f = agent.connect(ws, relay).handle((session, err) -> {
          inFlight.release();
          if (err != null) {
            failed.incrementAndGet();
            lastProblem.set("connect failed: " + err + " at " + agent.source());
          } else {
            agents.add(agent);
            agent.announce();
          }
          return null;
        });
      } catch (java.io.IOException e) {
        inFlight.release();
        failed.incrementAndGet();
        continue;
      }
      pending.add(f);
    }
    for (CompletableFuture<?> f : pending) {
      f.join();
    }
    return failed.get();
  }

  /** Every 100 ms: the agents of this slot send their heartbeat, so each beats every 5 s. */
  private void beat() {
    int slot = (int) (tick.getAndIncrement() % SLOTS);
    List<SimAgent> all = agents;
    for (int i = slot; i < all.size(); i += SLOTS) {
      all.get(i).announce();
    }
  }
}
