package io.printerlink.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** STYLE.md: no static mutable state. Every static field in the relay's sources is final. */
class NoStaticStateTest {
  private static final Pattern STATIC_FIELD =
      Pattern.compile("^\\s*(private|public|protected)?\\s*static\\s+(?!final)(?!class)(?!record)(?!interface)(?!enum)(?!<)[\\w<>,\\[\\] ]+\\s+\\w+\\s*(=|;)");

  @Test
  void noStaticNonFinalFields() throws IOException {
    List<String> offenders;
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      offenders = files.filter(p -> p.toString().endsWith(".java")).flatMap(p -> {
        try {
          return Files.readAllLines(p).stream().filter(l -> STATIC_FIELD.matcher(l).find()).map(l -> p + ": " + l.trim());
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }).collect(Collectors.toList());
    }
    assertThat(offenders).isEmpty();
  }
}
