package io.printerlink.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures of one run, printed as they come and written as Markdown for docs/benchmarks.md. */
final class Report {
  /** One benchmark's raw lines, its goal verdicts and its summary-table rows. */
  static final class Section {
    private final String title;
    private final List<String> lines = new ArrayList<>();
    private final List<String> rows = new ArrayList<>();

    Section(String title) {
      this.title = title;
    }

    void line(String text) {
      lines.add(text);
      System.out.println("[" + title + "] " + text);
    }

    void verdict(String goal, boolean met, String measured) {
      line("goal " + goal + ": " + (met ? "MET" : "MISSED") + " (" + measured + ")");
    }

    void summary(String what, Stats stats) {
      rows.add(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f |",
          what, stats.count(), stats.medianMs(), stats.percentileMs(90), stats.percentileMs(99), stats.maxMs()));
    }

    void summaryRow(String markdownRow) {
      rows.add(markdownRow);
    }
  }

  private final String machine;
  private final List<Section> sections = new ArrayList<>();

  Report(String machine) {
    this.machine = machine;
    System.out.println("machine: " + machine);
  }

  void add(Section s) {
    sections.add(s);
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("Run: ").append(machine).append("\n\n");
    md.append("| measure | n | median ms | p90 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n");
    for (Section s : sections) {
      s.rows.forEach(r -> md.append(r).append('\n'));
    }
    for (Section s : sections) {
      md.append("\n### ").append(s.title).append(" (raw)\n\n```\n");
      s.lines.forEach(l -> md.append(l).append('\n'));
      md.append("```\n");
    }
    return md.toString();
  }

  void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, markdown(), StandardCharsets.UTF_8);
    System.out.println("results written to " + file.toAbsolutePath());
  }
}
