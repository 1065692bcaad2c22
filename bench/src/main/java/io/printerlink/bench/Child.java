package io.printerlink.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark child JVM (P3's relay or an agent swarm) on this jar's class path, spoken to by
 * line commands on stdin/stdout; its stderr goes to a log file. Closing it says {@code quit}
 * and, if it does not end, destroys it (only this process, by its handle).
 */
final class Child implements AutoCloseable {
  private final Process process;
  private final BufferedReader out;
  private final PrintWriter in;

  private Child(Process process) {
    this.process = process;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
  }

  static Child start(List<String> jvmOptions, String role, List<String> options, Path log) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(BenchMain.class.getName());
    cmd.add(role);
    cmd.addAll(options);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.redirectError(log.toFile());
    return new Child(pb.start());
  }

  long pid() {
    return process.pid();
  }

  /** Sends a command and returns the first answer line starting with {@code prefix}. */
  String ask(String command, String prefix) throws IOException {
    if (command != null) {
      in.println(command);
    }
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    throw new IOException("child " + process.pid() + " ended before answering '" + command + "'");
  }

  /** A {@code key=value} field of an answer line. */
  static String field(String line, String key) {
    for (String part : line.split(" ")) {
      if (part.startsWith(key + "=")) {
        return part.substring(key.length() + 1);
      }
    }
    throw new IllegalArgumentException("no " + key + " in '" + line + "'");
  }

  @Override
  public void close() {
    in.println("quit");
    try {
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroy();
        process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
