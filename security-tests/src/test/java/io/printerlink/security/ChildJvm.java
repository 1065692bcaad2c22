package io.printerlink.security;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test main class ({@link AgentProcessMain}, {@link RelayProcessMain}) in a child JVM on this
 * test's class path, its output read line by line; {@link #kill()} is SIGKILL.
 */
final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> all = new ArrayList<>();

  private ChildJvm(Process process) {
    this.process = process;
    Thread reader = new Thread(this::pump, "child-jvm-output");
    reader.setDaemon(true);
    reader.start();
  }

  static ChildJvm start(Class<?> main, String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.redirectErrorStream(true);
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    return new ChildJvm(pb.start());
  }

  private void pump() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        lines.add(line);
      }
    } catch (Exception e) {
      lines.add("output ended: " + e);
    }
  }

  /** Waits for a line starting with {@code prefix}; returns it. */
  synchronized String awaitLine(String prefix, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
      if (line == null) {
        throw new AssertionError("child JVM never printed " + prefix + "; alive=" + process.isAlive()
            + "; output:\n" + String.join("\n", all));
      }
      all.add(line);
      if (line.startsWith(prefix)) {
        return line;
      }
    }
  }

  /** SIGKILL, as a crash or a pulled plug would end it: no shutdown hooks, no goodbye frames. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(AttackFixture.WAIT.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError("child JVM did not die");
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
