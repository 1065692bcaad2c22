package io.printerlink.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Small shared helpers of the benchmark drivers. */
final class Bench {
  private Bench() {}

  /** Prints progress every 10 % of {@code total} (iteration {@code i}, warm-ups negative). */
  static void progress(String name, int i, int total) {
    int step = Math.max(1, total / 10);
    if (i >= 0 && (i + 1) % step == 0) {
      System.out.println(name + ": " + (i + 1) + "/" + total);
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
