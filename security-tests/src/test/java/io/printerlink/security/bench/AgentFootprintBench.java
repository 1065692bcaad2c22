package io.printerlink.security.bench;

import io.printerlink.desktop.core.CoreClients;
import io.printerlink.desktop.core.CoreConfig;
import io.printerlink.desktop.core.Credentials;
import io.printerlink.desktop.core.LinkingCore;
import io.printerlink.protocol.RelayTrust;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.api.DiscoveredPrinter;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.relay.RelayConfig;
import io.printerlink.relay.RelayServer;
import io.printerlink.security.TestCertificates;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Agent footprint benchmark (issue 6): launches the shaded agent jar as a real process with the JVM
 * options of the systemd unit, against an in-process relay; measures process start to the first
 * accepted announce, links it with the client core, then reads its resident memory (VmRSS) once
 * linked and settled. Writes the "Agent footprint" section of docs/benchmarks.md. Not a test: run
 * {@code bench/agent-footprint.sh} (or {@code mvn -Pbench-agent -pl security-tests -am verify -DskipTests}).
 *
 * <p>Arguments: agent jar, benchmarks.md path, runs (default 5), service unit (its {@code ExecStart}
 * JVM options are the ones used).
 */
public final class AgentFootprintBench {
  static final long GOAL_START_MILLIS = 1000;
  static final long GOAL_RSS_KIB = 64 * 1024;
  private static final Duration SETTLE = Duration.ofSeconds(5);

  private AgentFootprintBench() {}

  record Run(long startMillis, long rssKib, long rssIdleUnlinkedKib, long anonKib, long fileKib) {}

  /**
   * How the agent reaches the relay. HTTPS is how the service runs (its unit points at an
   * https:// relay and verifies the certificate; here a self-signed one given with --relay-ca);
   * plain http is a relay on the same host or the LAN.
   */
  record Transport(String title, TestCertificates cert) {
    boolean tls() {
      return cert != null;
    }

    RelayConfig.Builder relay(RelayConfig.Builder b) {
      return tls() ? b.tlsKeystore(cert.keystore, Secret.fromText(TestCertificates.PASSWORD)) : b;
    }

    List<String> agentArgs() {
      return tls() ? List.of("--relay-ca", cert.certPem.toString()) : List.of();
    }

    RelayTrust clientTrust() {
      return tls() ? RelayTrust.fromPem(cert.certPem) : RelayTrust.system();
    }
  }

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args.length > 0 ? args[0] : "printer-agent/target/printerlink-agent.jar").toAbsolutePath();
    Path doc = Path.of(args.length > 1 ? args[1] : "docs/benchmarks.md").toAbsolutePath();
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Path launcher = Path.of(args.length > 3 ? args[3] : "packaging/systemd/printerlink-agent-start").toAbsolutePath();
    List<String> jvmOptions = launcherJvmOptions(launcher);
    if (!Files.isRegularFile(jar)) {
      System.err.println("agent jar not found: " + jar + " (build it: mvn -pl printer-agent -am package -DskipTests)");
      System.exit(2);
    }
    Path work = Files.createTempDirectory("agent-bench-");
    List<Transport> transports = List.of(
        new Transport("https relay, certificate verified (`--relay-ca`), as the service unit runs it",
            TestCertificates.generate(work, "relay")),
        new Transport("plain http relay (same host or LAN)", null));
    List<Long> versionMillis = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      versionMillis.add(versionMillis(jar, jvmOptions));
    }
    StringBuilder tables = new StringBuilder();
    for (Transport t : transports) {
      // One archive for all runs, as in the service's state folder: run 1 finds none and records it
      // when it stops (the first start after an install or upgrade), the later runs map it.
      Path cds = Files.createTempDirectory(work, "cds-").resolve("agent-cds.jsa");
      List<Run> results = new ArrayList<>();
      for (int i = 0; i <= runs; i++) {
        Run r = once(launcher, jar, cds, i, t);
        System.out.printf("%s, run %d (%s): start to first accepted announce %d ms, RSS linked %d KiB (unlinked %d KiB)%n",
            t.tls() ? "https" : "http", i + 1, i == 0 ? "no archive yet" : "archive mapped", r.startMillis(), r.rssKib(),
            r.rssIdleUnlinkedKib());
        results.add(r);
      }
      tables.append(table(t, results.get(0), results.subList(1, results.size())));
    }
    String section = section(tables.toString(), runs, jvmOptions, median(versionMillis));
    writeSection(doc, section);
    System.out.println(section);
    System.exit(0);
  }

  /** The words of the launcher's {@code JVM_OPTIONS="..."} line. */
  static List<String> launcherJvmOptions(Path launcher) throws IOException {
    for (String line : Files.readAllLines(launcher)) {
      if (line.startsWith("JVM_OPTIONS=\"") && line.endsWith("\"")) {
        return List.of(line.substring("JVM_OPTIONS=\"".length(), line.length() - 1).trim().split("\\s+"));
      }
    }
    throw new IOException("no JVM_OPTIONS=\"...\" line in " + launcher);
  }

  private static Run once(Path launcher, Path jar, Path cds, int index, Transport transport) throws Exception {
    Path dir = Files.createTempDirectory("agent-bench-");
    RelayServer relay = RelayServer.start(transport.relay(RelayConfig.builder().port(0).bindHost("127.0.0.1")
        .dataDir(dir.resolve("relay")).allowLoopbackAgents(true).passwordIterations(1000)).build());
    ExecutorService executor = Executors.newCachedThreadPool();
    Process agent = null;
    try (CoreClients clients = CoreClients.start(relay.httpUri(), CoreConfig.defaults(), transport.clientTrust())) {
      LinkingCore core = LinkingCore.create(clients, CoreConfig.defaults(), Clock.systemUTC(), System::nanoTime,
          new SecureRandom(), executor);
      core.signIn(new Credentials("bench-" + index, Secret.fromText("correct horse battery"), true));

      List<String> command = new ArrayList<>(List.of(launcher.toString(), "--relay", relay.httpUri().toString(), "--port", "0",
          "--bind", "127.0.0.1", "--state-dir", dir.resolve("agent").toString(), "--name", "Bench printer"));
      command.addAll(transport.agentArgs());
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      pb.environment().put("PRINTERLINK_AGENT_JAR", jar.toString());
      pb.environment().put("PRINTERLINK_AGENT_CDS", cds.toString());
      pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      long t0 = System.nanoTime();
      agent = pb.start();
      Process p = agent;
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            lines.add(line);
          }
        } catch (IOException e) {
          lines.add("(agent output closed)");
        }
      }, "agent-output");
      reader.setDaemon(true);
      reader.start();
      awaitLine(lines, "discoverable:", Duration.ofSeconds(30));
      long startMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      long unlinked = rssKib(agent.pid());

      DiscoveredPrinter printer = core.awaitSinglePrinter();
      LinkRequestView view = core.link(printer, e -> { });
      if (!"LINKED".equals(view.state())) {
        throw new IllegalStateException("link ended " + view.state() + ": " + view.reason());
      }
      awaitLine(lines, "relay says hello", Duration.ofSeconds(30));
      Thread.sleep(SETTLE.toMillis());
      String status = Files.readString(Path.of("/proc", Long.toString(agent.pid()), "status"));
      return new Run(startMillis, field(status, "VmRSS"), unlinked, field(status, "RssAnon"), field(status, "RssFile"));
    } finally {
      if (agent != null) {
        agent.destroy();
        agent.waitFor(10, TimeUnit.SECONDS);
      }
      executor.shutdownNow();
      relay.close();
    }
  }

  private static void awaitLine(BlockingQueue<String> lines, String marker, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new IllegalStateException("agent did not log '" + marker + "' within " + wait.toSeconds() + " s");
      }
      if (line.contains(marker)) {
        return;
      }
    }
  }

  static long rssKib(long pid) throws IOException {
    return field(Files.readString(Path.of("/proc", Long.toString(pid), "status")), "VmRSS");
  }

  /** A "Name:   123 kB" field of /proc/PID/status, in KiB. */
  static long field(String status, String name) throws IOException {
    Matcher m = Pattern.compile("^" + name + ":\\s+(\\d+) kB", Pattern.MULTILINE).matcher(status);
    if (!m.find()) {
      throw new IOException("no " + name + " in /proc status");
    }
    return Long.parseLong(m.group(1));
  }

  private static long median(List<Long> values) {
    List<Long> v = new ArrayList<>(values);
    Collections.sort(v);
    return v.get(v.size() / 2);
  }

  /** Wall time of {@code java OPTIONS -jar agent.jar --version}: the JVM start-up floor on this machine. */
  static long versionMillis(Path jar, List<String> jvmOptions) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString(), "--version"));
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    p.waitFor(60, TimeUnit.SECONDS);
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
  }

  static String section(String tables, int runs, List<String> jvmOptions, long versionMillis) {
    StringBuilder b = new StringBuilder();
    b.append("## Agent footprint\n\n");
    b.append("Measured ").append(LocalDate.now()).append(" by `bench/agent-footprint.sh` (class `")
        .append(AgentFootprintBench.class.getName()).append("`): the shaded `printer-agent/target/printerlink-agent.jar` ")
        .append("started as its own process by the service's launcher `packaging/systemd/printerlink-agent-start` (JVM options `")
        .append(String.join(" ", jvmOptions)).append("`, plus its AppCDS archive), Java ").append(System.getProperty("java.version"))
        .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" cores, load average before the run ")
        .append(String.format("%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
        .append(", against an in-process relay on loopback. For each way of reaching the relay the first start finds no ")
        .append("archive (as after an install or upgrade) and records it when it stops; the ").append(runs)
        .append(" starts after it map it. `java OPTIONS -jar printerlink-agent.jar --version` with no archive (the JVM ")
        .append("start-up floor here) takes ").append(versionMillis).append(" ms.\n\n");
    b.append(tables);
    b.append("Start time includes JVM start-up, Jetty start, the relay WebSocket connect (and TLS handshake) and the first ")
        .append("announce's round trip. RSS counts the whole process (heap capped at 48 MiB, metaspace, code cache, thread stacks).\n");
    return b.toString();
  }

  static String table(Transport transport, Run first, List<Run> runs) {
    List<Long> starts = runs.stream().map(Run::startMillis).toList();
    List<Long> rss = runs.stream().map(Run::rssKib).toList();
    List<Long> unlinked = runs.stream().map(Run::rssIdleUnlinkedKib).toList();
    long startMedian = median(starts);
    long rssMax = Collections.max(rss);
    StringBuilder b = new StringBuilder();
    b.append("### ").append(transport.title()).append("\n\n");
    b.append("| measure | median | min | max | goal | met |\n|---|---|---|---|---|---|\n");
    b.append(String.format("| process start to first accepted announce (archive mapped) | %d ms | %d ms | %d ms | ≤ %d ms | %s |%n",
        startMedian, Collections.min(starts), Collections.max(starts), GOAL_START_MILLIS,
        startMedian <= GOAL_START_MILLIS ? "yes" : "no"));
    b.append(String.format("| process start to first accepted announce, first start (no archive yet) | %d ms | | | | |%n",
        first.startMillis()));
    b.append(String.format("| resident memory (VmRSS) linked, %d s after the relay's hello | %.1f MiB | %.1f MiB | %.1f MiB | ≤ %d MiB | %s |%n",
        SETTLE.toSeconds(), median(rss) / 1024.0, Collections.min(rss) / 1024.0, rssMax / 1024.0, GOAL_RSS_KIB / 1024,
        rssMax <= GOAL_RSS_KIB ? "yes" : "no"));
    List<Long> anon = runs.stream().map(Run::anonKib).toList();
    List<Long> file = runs.stream().map(Run::fileKib).toList();
    b.append(String.format("| of which anonymous (RssAnon: heap, metaspace, code cache, stacks) | %.1f MiB | %.1f MiB | %.1f MiB | | |%n",
        median(anon) / 1024.0, Collections.min(anon) / 1024.0, Collections.max(anon) / 1024.0));
    b.append(String.format("| of which file-backed (RssFile: libjvm, CDS archives, jar) | %.1f MiB | %.1f MiB | %.1f MiB | | |%n",
        median(file) / 1024.0, Collections.min(file) / 1024.0, Collections.max(file) / 1024.0));
    b.append(String.format("| resident memory (VmRSS) linked, first start (no archive yet) | %.1f MiB | | | | |%n",
        first.rssKib() / 1024.0));
    b.append(String.format("| resident memory (VmRSS) unlinked, at the first accepted announce | %.1f MiB | %.1f MiB | %.1f MiB | | |%n%n",
        median(unlinked) / 1024.0, Collections.min(unlinked) / 1024.0, Collections.max(unlinked) / 1024.0));
    return b.toString();
  }

  /** Replaces the "## Agent footprint" section (up to the next "## " heading), or appends it. */
  static void writeSection(Path doc, String section) throws IOException {
    String text = Files.exists(doc) ? Files.readString(doc) : "# Benchmarks\n";
    int start = text.indexOf("## Agent footprint");
    String out;
    if (start < 0) {
      out = text + (text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n") + section;
    } else {
      int next = text.indexOf("\n## ", start + 1);
      out = text.substring(0, start) + section + (next < 0 ? "" : "\n" + text.substring(next + 1));
    }
    Files.createDirectories(doc.getParent());
    Files.writeString(doc, out);
  }
}
