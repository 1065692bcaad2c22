package io.printerlink.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * P5, desktop cold start to first frame: launches {@code java -jar printerlink-desktop.jar} (the
 * wizard, embedded relay and demo agent) as a fresh process on a private Xvfb display, and waits
 * for the wizard's log line {@code first frame shown after N ms} (the stage's first
 * {@code onShown}). Measured: wall time from process launch to that line, and the process
 * age (OS start time to that line, as the app itself reports it). Each launch gets a fresh home folder, so nothing is warm on disk but
 * the OS page cache.
 */
final class ColdStart {
  static final Pattern MARKER = Pattern.compile("first frame shown after (\\d+) ms");

  private ColdStart() {}

  static Report.Section run(int launches, Path desktopJar, Path work) throws Exception {
    Report.Section s = new Report.Section("P5 desktop cold start");
    if (!Files.isRegularFile(desktopJar)) {
      s.line("skipped: " + desktopJar + " not found (build it with mvn -pl bench -am package)");
      return s;
    }
    Path xvfb = Path.of("/usr/bin/Xvfb");
    if (!Files.isExecutable(xvfb)) {
      s.line("skipped: Xvfb not installed (apt-get install -y xvfb libgtk-3-0)");
      return s;
    }
    int display = 90 + (int) (ProcessHandle.current().pid() % 100);
    Process x = new ProcessBuilder(xvfb.toString(), ":" + display, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
        .redirectErrorStream(true).redirectOutput(work.resolve("xvfb.log").toFile()).start();
    try {
      Path socket = Path.of("/tmp/.X11-unix/X" + display);
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!Files.exists(socket) && System.nanoTime() < until && x.isAlive()) {
        TimeUnit.MILLISECONDS.sleep(50);
      }
      if (!x.isAlive() || !Files.exists(socket)) {
        s.line("skipped: Xvfb did not start on :" + display + " (see " + work.resolve("xvfb.log") + ")");
        return s;
      }
      long[] wall = new long[launches];
      long[] uptime = new long[launches];
      for (int i = 0; i < launches; i++) {
        long[] r = launch(desktopJar, display, Files.createDirectories(work.resolve("home-" + i)));
        wall[i] = r[0];
        uptime[i] = r[1];
        s.line(String.format(Locale.ROOT, "launch %d: %.0f ms wall (process start -> first frame), process age %d ms",
            i + 1, wall[i] / 1e6, uptime[i] / 1_000_000));
      }
      Stats w = Stats.of(wall);
      s.line("wall, process start -> first frame: " + w.line());
      s.line("process age (from the OS start time) at first frame: " + Stats.of(uptime).line());
      s.summary("P5 desktop cold start -> first frame (wall)", w);
    } finally {
      x.destroy();
      x.waitFor(5, TimeUnit.SECONDS);
    }
    return s;
  }

  /** One launch: {wall nanos, JVM uptime nanos}; the app is stopped afterwards. */
  private static long[] launch(Path jar, int display, Path home) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Duser.home=" + home, "-Djavafx.cachedir=" + home.resolve("openjfx-cache"), "-jar", jar.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("DISPLAY", ":" + display);
    pb.environment().remove("PRINTERLINK_RELAY");
    long t0 = System.nanoTime();
    Process p = pb.start();
    try {
      CompletableFuture<long[]> seen = CompletableFuture.supplyAsync(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            Matcher m = MARKER.matcher(line);
            if (m.find()) {
              return new long[] {System.nanoTime() - t0, Long.parseLong(m.group(1)) * 1_000_000};
            }
          }
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
        throw new IllegalStateException("the desktop app ended without showing its first frame (exit " + p.exitValue() + ")");
      });
      return seen.get(60, TimeUnit.SECONDS);
    } finally {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
      if (!p.waitFor(15, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }
}
