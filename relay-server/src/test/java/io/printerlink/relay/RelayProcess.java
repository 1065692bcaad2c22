package io.printerlink.relay;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code relay serve} as its own JVM, from its real command line, on an ephemeral port; its output is kept. */
final class RelayProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("reachable here at (http://[0-9.]+:[0-9]+)");

  final Process process;
  final URI base;
  private final List<String> output;
  private final Thread pump;

  private RelayProcess(Process process, URI base, List<String> output, Thread pump) {
    this.process = process;
    this.base = base;
    this.output = output;
    this.pump = pump;
  }

  /** Starts {@code relay serve --port 0 --bind 127.0.0.1 --data data extraArgs...}; returns once it listens. */
  static RelayProcess start(Path data, String... extraArgs) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), RelayMain.class.getName(), "serve", "--port", "0", "--bind",
        "127.0.0.1", "--data", data.toString()));
    cmd.addAll(List.of(extraArgs));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    List<String> output = new CopyOnWriteArrayList<>();
    Thread pump = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          output.add(line);
          lines.add(line);
        }
      } catch (Exception e) {
        lines.add("output ended: " + e);
      }
    }, "relay-output");
    pump.setDaemon(true);
    pump.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        p.destroyForcibly();
        throw new AssertionError("relay process never said it listens; alive=" + p.isAlive() + ", output: " + output);
      }
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        return new RelayProcess(p, URI.create(m.group(1)), output, pump);
      }
    }
  }

  /** Waits for the process to end and returns everything it wrote (stdout and stderr). */
  List<String> awaitExit(long seconds) throws Exception {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("relay process still running after " + seconds + " s; output: " + output);
    }
    pump.join(TimeUnit.SECONDS.toMillis(10));
    return List.copyOf(output);
  }

  @Override
  public void close() throws Exception {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }
}
