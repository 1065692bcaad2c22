package io.printerlink.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * STYLE.md rule 7 for the whole repository: no static field that is not final, and no
 * printStackTrace, in any module's main sources. (A source scan: simpler than ArchUnit and it
 * sees every module from here.)
 */
class NoStaticMutableStateTest {
  private static final Pattern STATIC_NON_FINAL =
      Pattern.compile("^\\s*(public |protected |private )?static (?!final)(?!class)(?!interface)(?!record)(?!enum)(?!<)(?!void)[\\w.<>\\[\\], ?]+ \\w+\\s*(=|;)");

  @Test
  void mainSourcesHaveNoStaticMutableFieldsOrPrintStackTrace() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    List<String> offences = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))
          .filter(f -> f.toString().contains("/src/main/java/"))::iterator) {
        List<String> lines = Files.readAllLines(p);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i);
          if (STATIC_NON_FINAL.matcher(line).find() || line.contains("printStackTrace")) {
            offences.add(root.relativize(p) + ":" + (i + 1) + ": " + line.strip());
          }
        }
      }
    }
    assertThat(offences).isEmpty();
  }
}
