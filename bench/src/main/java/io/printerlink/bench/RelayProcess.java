package io.printerlink.bench;

import io.printerlink.relay.RelayServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * P3's relay, alone in its own JVM (started with -Xmx512m): the real {@link RelayServer} with
 * the benchmark settings. Prints {@code READY <port>}, then answers {@code stats} on stdin with
 * one {@code STATS} line measured after a full GC, and {@code cpu} with a {@code CPU} line (no GC:
 * asked at the start of a measured window, where a full GC would stall the requests being timed);
 * ends on {@code quit} or end of input.
 */
final class RelayProcess {
  private RelayProcess() {}

  static void main(Map<String, String> opts) throws Exception {
    Path data = Path.of(opts.getOrDefault("data", "relay-data"));
    try (RelayServer relay = RelayServer.start(BenchRelay.config(data, 0))) {
      System.out.println("READY " + relay.port());
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null && !"quit".equals(line.trim())) {
        if ("stats".equals(line.trim())) {
          System.out.println(stats());
        } else if ("cpu".equals(line.trim())) {
          System.out.println("CPU cpuNanos=" + cpuNanos());
        }
      }
    }
    System.exit(0);
  }

  /** {@code STATS heapUsed=<bytes> cpuNanos=<n> rssKb=<n> threads=<n> fds=<n>}. */
  static String stats() {
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    long cpu = cpuNanos();
    int threads = ManagementFactory.getThreadMXBean().getThreadCount();
    return "STATS heapUsed=" + heap + " cpuNanos=" + cpu + " rssKb=" + rssKb() + " threads=" + threads + " fds=" + fds();
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static long rssKb() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (l.startsWith("VmRSS:")) {
          return Long.parseLong(l.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return -1;
  }

  private static long fds() {
    try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
      return s.count();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
