package io.printerlink.bench;

import io.printerlink.agent.AgentConfig;
import io.printerlink.agent.PrinterAgent;
import io.printerlink.desktop.core.CoreClients;
import io.printerlink.desktop.core.CoreConfig;
import io.printerlink.desktop.core.Credentials;
import io.printerlink.desktop.core.LinkStep;
import io.printerlink.desktop.core.LinkingCore;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.api.LinkState;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * P3, relay capacity. The relay runs alone in a JVM with {@code -Xmx512m}; simulated agents run
 * in agent processes of at most {@code swarm=} agents each (20,000 open files per process), one
 * source address and so one network key per agent, heartbeating every 5 s. Meanwhile 8 clients
 * (each on the network key of one agent) list {@code GET /api/v1/discovery} five times a second
 * each, and one desktop core links real agents one after another. N grows step by step; the run
 * stops at the first step where list p99 exceeds 50 ms, a heartbeat is lost (presence expired or
 * socket closed), an agent cannot connect, the step list ends, or the time budget is spent.
 */
final class RelayCapacity {
  /** The goal's list latency bound; {@code listp99=} overrides it only for smoke runs on a busy machine. */
  static final double LIST_P99_LIMIT_MS = 50;
  static final int LIST_CLIENTS = 8;
  static final int SWARM_BLOCK = 100;

  /** What to run: agent counts in order, seconds measured per step, whole budget, agents per process. */
  record Plan(int[] steps, int windowSeconds, int budgetSeconds, int swarmSize, double listLimitMs, List<String> relayJvm) {
    static Plan from(Map<String, String> opts) {
      int[] steps = Arrays.stream(opts.getOrDefault("steps", "1000,2500,5000,7500,10000,12500,15000,17500").split(","))
          .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
      for (int i = 0; i < steps.length; i++) {
        if (steps[i] < LIST_CLIENTS || steps[i] > 19_000 || (i > 0 && steps[i] <= steps[i - 1])) {
          throw new IllegalArgumentException("steps must rise, each from " + LIST_CLIENTS + " to 19000 (the relay's open-file limit is 20,000)");
        }
      }
      return new Plan(steps, BenchMain.intOpt(opts, "window", 20), BenchMain.intOpt(opts, "budget", 900),
          BenchMain.intOpt(opts, "swarm", 5000), BenchMain.intOpt(opts, "listp99", (int) LIST_P99_LIMIT_MS),
          relayJvm(opts.getOrDefault("relayjvm", "")));
    }

    /** The relay JVM's options: -Xmx512m -Xms64m, then any given with relayjvm= (comma-separated, e.g. a JFR recording). */
    private static List<String> relayJvm(String extra) {
      List<String> jvm = new ArrayList<>(List.of("-Xmx512m", "-Xms64m"));
      for (String o : extra.split(",")) {
        if (!o.isBlank()) {
          jvm.add(o.trim());
        }
      }
      return List.copyOf(jvm);
    }
  }

  private RelayCapacity() {}

  static Report.Section run(Plan plan, Path work) throws Exception {
    Report.Section s = new Report.Section("P3 relay capacity");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(plan.budgetSeconds());
    List<Child> swarms = new ArrayList<>();
    List<Integer> swarmCounts = new ArrayList<>();
    List<BoundClient> listers = new ArrayList<>();
    ExecutorService load = Executors.newCachedThreadPool();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicReference<ConcurrentLinkedQueue<Long>> listTimes = new AtomicReference<>(new ConcurrentLinkedQueue<>());
    AtomicReference<ConcurrentLinkedQueue<Long>> linkTimes = new AtomicReference<>(new ConcurrentLinkedQueue<>());
    AtomicReference<String> loadProblem = new AtomicReference<>();
    s.line("plan: steps " + Arrays.toString(plan.steps()) + ", " + plan.windowSeconds() + " s measured per step, budget "
        + plan.budgetSeconds() + " s, up to " + plan.swarmSize() + " agents per agent process; relay JVM "
        + String.join(" ", plan.relayJvm()));
    s.line("| N agents | list p50 ms | list p99 ms | lists | link p99 ms | links | lost | errors | relay heap MB (after GC) | relay RSS MB | relay CPU % of 1 core | load avg |");
    s.line("|---|---|---|---|---|---|---|---|---|---|---|---|");
    try (Child relay = Child.start(plan.relayJvm(), "relay-process",
        List.of("data=" + work.resolve("relay-data")), work.resolve("relay.log"))) {
      int port = Integer.parseInt(relay.ask(null, "READY").split(" ")[1]);
      URI http = URI.create("http://127.0.0.1:" + port);
      URI ws = URI.create("ws://127.0.0.1:" + port);
      long heapBase = Long.parseLong(Child.field(relay.ask("stats", "STATS"), "heapUsed"));
      s.line("relay heap after GC with no agents: " + fmt(mb(heapBase)) + " MB");
      startLoad(http, work, listers, load, running, listTimes, linkTimes, loadProblem);
      int total = 0;
      long firstHeap = -1;
      int firstN = 0;
      long lastHeap = heapBase;
      int lastN = 0;
      int passedN = 0;
      String stop = "all steps done";
      for (int n : plan.steps()) {
        if (System.nanoTime() > deadline) {
          stop = "time budget spent before N=" + n;
          break;
        }
        long failed = 0;
        while (total < n) {
          int j = total / plan.swarmSize();
          if (j == swarms.size()) {
            Child c = Child.start(List.of("-Xmx768m"), "agent-swarm",
                List.of("relay=" + ws, "block=" + (SWARM_BLOCK + j)), work.resolve("swarm-" + j + ".log"));
            c.ask(null, "READY");
            swarms.add(c);
            swarmCounts.add(0);
          }
          int add = Math.min(n - total, plan.swarmSize() - swarmCounts.get(j));
          String added = swarms.get(j).ask("add " + add, "ADDED");
          failed += Long.parseLong(added.split(" ")[2]);
          swarmCounts.set(j, swarmCounts.get(j) + add);
          total += add;
        }
        long announced = awaitAnnounced(swarms, n, deadline);
        Window w = measure(plan, relay, swarms, listTimes, linkTimes, n, s);
        if (w.lists != null && w.lists.percentileMs(99) > plan.listLimitMs() && w.lost == 0 && w.errors == 0) {
          s.line("list p99 over the limit at N=" + n + ": measuring once more to tell a trend from a neighbour's burst");
          w = measure(plan, relay, swarms, listTimes, linkTimes, n, s);
        }
        if (firstHeap < 0) {
          firstHeap = w.heap;
          firstN = n;
        }
        lastHeap = w.heap;
        lastN = n;
        if (failed > 0 || announced < n) {
          stop = "at N=" + n + ": " + failed + " agents could not connect, " + announced + " announced (" + w.problem + ")";
          break;
        }
        if (w.lost > 0 || w.errors > 0) {
          stop = "at N=" + n + ": " + w.lost + " heartbeats lost, " + w.errors + " errors (" + w.problem + ")";
          break;
        }
        if (w.lists != null && w.lists.percentileMs(99) > plan.listLimitMs()) {
          stop = "at N=" + n + ": list p99 " + fmt(w.lists.percentileMs(99)) + " ms > " + fmt(plan.listLimitMs()) + " ms twice";
          break;
        }
        if (loadProblem.get() != null) {
          stop = "at N=" + n + ": client load failed: " + loadProblem.get();
          break;
        }
        passedN = n;
      }
      s.line("stopped: " + stop);
      if (lastN > firstN) {
        double perConn = (double) (lastHeap - firstHeap) / (lastN - firstN);
        s.line(String.format(Locale.ROOT, "relay heap per agent connection (slope from N=%d to N=%d): %.1f KB;"
            + " projected heap for 15,000 agents: %.0f MB; agents per 512 MB heap: ~%.0f",
            firstN, lastN, perConn / 1024, mb(heapBase + (long) (perConn * 15_000)), (512.0 * 1024 * 1024 - heapBase) / perConn));
      }
      s.line("largest N that passed every check: " + passedN);
      s.verdict("P3 15,000 agents, heap <= 512 MB, list p99 <= " + fmt(plan.listLimitMs()) + " ms", passedN >= 15_000, passedN + " agents");
      s.summaryRow("| P3 relay capacity: largest N passing (" + stop.replace('|', '/') + ") | " + passedN + " agents | | | | |");
    } finally {
      running.set(false);
      load.shutdownNow();
      load.awaitTermination(10, TimeUnit.SECONDS);
      listers.forEach(BoundClient::close);
      swarms.forEach(Child::close);
    }
    return s;
  }

  /** One measured window at a given N. */
  private record Window(Stats lists, long heap, long lost, long errors, String problem) {}

  private static Window measure(Plan plan, Child relay, List<Child> swarms,
      AtomicReference<ConcurrentLinkedQueue<Long>> listTimes, AtomicReference<ConcurrentLinkedQueue<Long>> linkTimes,
      int n, Report.Section s) throws Exception {
    // Settle first: requests stalled by the previous window's stats (it runs a full GC in the relay)
    // may still complete now and must not count in this window.
    TimeUnit.SECONDS.sleep(1);
    listTimes.set(new ConcurrentLinkedQueue<>());
    linkTimes.set(new ConcurrentLinkedQueue<>());
    long cpu0 = Long.parseLong(Child.field(relay.ask("cpu", "CPU"), "cpuNanos"));
    long wall0 = System.nanoTime();
    TimeUnit.SECONDS.sleep(plan.windowSeconds());
    long[] lists = toArray(listTimes.get());
    long[] links = toArray(linkTimes.get());
    String rs = relay.ask("stats", "STATS");
    long wall = System.nanoTime() - wall0;
    double cpuPct = 100.0 * (Long.parseLong(Child.field(rs, "cpuNanos")) - cpu0) / wall;
    long heap = Long.parseLong(Child.field(rs, "heapUsed"));
    long rss = Long.parseLong(Child.field(rs, "rssKb"));
    long lost = 0;
    long errors = 0;
    String problem = "-";
    for (Child c : swarms) {
      String st = c.ask("stats", "STATS");
      lost += Long.parseLong(Child.field(st, "lost"));
      errors += Long.parseLong(Child.field(st, "errors"));
      if (!st.endsWith("lastProblem=-")) {
        problem = st.substring(st.indexOf("lastProblem=") + 12);
      }
    }
    Stats ls = lists.length == 0 ? null : Stats.of(lists);
    Stats lk = links.length == 0 ? null : Stats.of(links);
    s.line(String.format(Locale.ROOT, "| %d | %s | %s | %d | %s | %d | %d | %d | %.1f | %.1f | %.0f | %s |",
        n, ls == null ? "-" : fmt(ls.medianMs()), ls == null ? "-" : fmt(ls.percentileMs(99)), lists.length,
        lk == null ? "-" : fmt(lk.percentileMs(99)), links.length, lost, errors, mb(heap), rss / 1024.0, cpuPct,
        Machine.loadAverage()));
    return new Window(ls, heap, lost, errors, problem);
  }

  private static void startLoad(URI http, Path work, List<BoundClient> listers, ExecutorService load,
      AtomicBoolean running, AtomicReference<ConcurrentLinkedQueue<Long>> listTimes,
      AtomicReference<ConcurrentLinkedQueue<Long>> linkTimes, AtomicReference<String> problem) throws Exception {
    for (int i = 0; i < LIST_CLIENTS; i++) {
      BoundClient c = BoundClient.start(http, BoundTransport.sourceAddress(SWARM_BLOCK, i));
      listers.add(c);
      load.execute(() -> {
        while (running.get()) {
          long t = System.nanoTime();
          try {
            c.relay().discovery(c.session());
            listTimes.get().add(System.nanoTime() - t);
            TimeUnit.MILLISECONDS.sleep(200);
          } catch (InterruptedException e) {
            return;
          } catch (Exception e) {
            problem.compareAndSet(null, "list: " + e);
          }
        }
      });
    }
    load.execute(() -> {
      try (CoreClients clients = CoreClients.start(http, CoreConfig.defaults())) {
        LinkingCore core = LinkingCore.create(clients, CoreConfig.defaults().withDiscoveryWait(Duration.ofSeconds(20)),
            Clock.systemUTC(), System::nanoTime, new SecureRandom(), load);
        core.signIn(new Credentials("bench-p3-" + UUID.randomUUID().toString().substring(0, 8),
            Secret.fromText(UUID.randomUUID().toString()), true));
        for (int i = 0; running.get(); i++) {
          Path state = Files.createDirectories(work.resolve("link-agent-" + i));
          try (PrinterAgent agent = PrinterAgent.start(AgentConfig.builder().relayUri(http).port(0).bindHost("127.0.0.1")
              .advertiseHost("127.0.0.1").stateDir(state).name("p3-" + i).build())) {
            long[] marks = new long[2];
            var result = core.link(core.awaitSinglePrinter(), e -> {
              if (e.step() == LinkStep.REQUEST) {
                marks[0] = System.nanoTime();
              } else if (e.state() == LinkState.LINKED) {
                marks[1] = System.nanoTime();
              }
            });
            if (result.linkState() == LinkState.LINKED) {
              linkTimes.get().add(marks[1] - marks[0]);
            } else {
              problem.compareAndSet(null, "link ended " + result.linkState());
            }
          }
          Bench.deleteTree(state);
          TimeUnit.SECONDS.sleep(1);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        if (running.get()) {
          problem.compareAndSet(null, "link: " + e);
        }
      }
    });
  }

  private static long awaitAnnounced(List<Child> swarms, int n, long deadline) throws Exception {
    long end = Math.min(deadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(120));
    long announced = 0;
    while (System.nanoTime() < end) {
      announced = 0;
      for (Child c : swarms) {
        announced += Long.parseLong(Child.field(c.ask("stats", "STATS"), "announced"));
      }
      if (announced >= n) {
        return announced;
      }
      TimeUnit.SECONDS.sleep(1);
    }
    return announced;
  }

  private static long[] toArray(ConcurrentLinkedQueue<Long> q) {
    return q.stream().mapToLong(Long::longValue).toArray();
  }

  private static double mb(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }

  private static String fmt(double ms) {
    return String.format(Locale.ROOT, "%.2f", ms);
  }
}
