package io.printerlink.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the benchmarks: {@code p1 | p2 | p3 | p5 | jmh | all}, with {@code key=value} options
 * (see {@link #USAGE}). Also the entry point of P3's child processes ({@code relay-process},
 * {@code agent-swarm}). Prints every figure and writes them as Markdown to {@code out=}.
 */
public final class BenchMain {
  static final String USAGE = String.join("\n",
      "usage: bench/run.sh <p1|p2|p3|p5|all> [key=value ...]   (or: java -jar bench/target/printerlink-bench.jar ...)",
      "  links=1000 warmup=50        P1: sequential links, warm-up links",
      "  announces=1000              P2: sequential first announces",
      "  steps=1000,2500,5000,7500,10000,12500,15000,17500  P3: agent counts to try, in order",
      "  window=20 budget=900        P3: seconds measured per step; whole-run time budget in seconds",
      "  swarm=5000                  P3: simulated agents per agent process",
      "  listp99=50                  P3: list p99 bound in ms (the goal; raise only for smoke runs)",
      "  relayjvm=OPT,OPT            P3: extra relay JVM options, e.g. relayjvm=-XX:StartFlightRecording=filename=/tmp/relay.jfr",
      "  launches=5 desktop=desktop-app/target/printerlink-desktop.jar   P5",
      "  out=bench/target/bench-results.md",
      "  jmh [JMH options]           micro-costs (strict JSON, proof); e.g. jmh -wi 1 -i 1 -f 1");

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "bench-logback.xml");
    }
    if (args.length == 0) {
      System.err.println(USAGE);
      System.exit(2);
    }
    if ("--help".equals(args[0]) || "-h".equals(args[0])) {
      System.out.println(USAGE);
      System.exit(0);
    }
    if ("jmh".equals(args[0])) {
      // JMH's own options pass through (e.g. -wi 1 -i 1 for a smoke run); defaults: 1 fork, 3 warm-up and 5 measured 1 s iterations
      String[] jmh = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length)
          : new String[] {"-f", "1", "-wi", "3", "-i", "5", "-w", "1s", "-r", "1s"};
      List<String> all = new ArrayList<>(Arrays.asList(jmh));
      all.add(ProtocolBenchmarks.class.getSimpleName());
      org.openjdk.jmh.Main.main(all.toArray(new String[0]));
      return;
    }
    Map<String, String> opts = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      if (eq <= 0) {
        System.err.println("bench: options are key=value, got '" + args[i] + "'\n" + USAGE);
        System.exit(2);
      }
      opts.put(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    String what = args[0];
    switch (what) {
      case "relay-process":
        RelayProcess.main(opts);
        return;
      case "agent-swarm":
        AgentSwarm.main(opts);
        return;
      case "p1":
      case "p2":
      case "p3":
      case "p5":
      case "all":
        break;
      default:
        System.err.println("bench: unknown benchmark '" + what + "'\n" + USAGE);
        System.exit(2);
    }
    Path work = Files.createTempDirectory("printerlink-bench-");
    Report report = new Report(Machine.describe());
    List<String> chosen = "all".equals(what) ? List.of("p1", "p2", "p3", "p5") : List.of(what);
    try {
      for (String b : chosen) {
        Path dir = Files.createDirectories(work.resolve(b));
        switch (b) {
          case "p1":
            report.add(LinkLatency.run(intOpt(opts, "links", 1000), intOpt(opts, "warmup", 50), dir));
            break;
          case "p2":
            report.add(DiscoveryLatency.run(intOpt(opts, "announces", 1000), intOpt(opts, "warmup", 50), dir));
            break;
          case "p3":
            report.add(RelayCapacity.run(RelayCapacity.Plan.from(opts), dir));
            break;
          default:
            report.add(ColdStart.run(intOpt(opts, "launches", 5),
                Path.of(opts.getOrDefault("desktop", "desktop-app/target/printerlink-desktop.jar")), dir));
        }
      }
    } finally {
      report.write(Path.of(opts.getOrDefault("out", "bench/target/bench-results.md")));
      Bench.deleteTree(work);
    }
    System.exit(0);
  }

  static int intOpt(Map<String, String> opts, String key, int def) {
    String v = opts.get(key);
    if (v == null) {
      return def;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, got '" + v + "'");
    }
  }
}
