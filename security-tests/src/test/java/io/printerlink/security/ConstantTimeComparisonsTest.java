package io.printerlink.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * SECURITY.md: "Secrets are compared with a constant-time comparison." Whether a comparison is
 * constant-time cannot be seen over a socket on a shared machine without a flaky timing test, so
 * this pins it in the source: every place that compares a secret (the agent's instance-id check of
 * T6, the proof check of T7/T8 through {@code Secret.equalsSecret}, presence tokens of T17, code
 * hashes of T10, password hashes) does so with {@code MessageDigest.isEqual} inside the method
 * named here, and no main source anywhere compares arrays with {@code Arrays.equals}.
 * The socket tests (T06, T07, T08, T17, T10) prove each comparison gives the right answer.
 */
class ConstantTimeComparisonsTest {
  /** file (under the repository root) -> the method whose body must hold the comparison. */
  static final Map<String, String> SITES = Map.of(
      "printer-agent/src/main/java/io/printerlink/agent/window/DiscoveryWindow.java", "exchange",
      "protocol/src/main/java/io/printerlink/protocol/Secret.java", "equalsSecret",
      "relay-server/src/main/java/io/printerlink/relay/discovery/DiscoveryService.java", "hashMatches",
      "relay-server/src/main/java/io/printerlink/relay/accounts/PasswordHasher.java", "verify",
      "relay-server/src/main/java/io/printerlink/relay/codes/CodeStore.java", "acknowledge");

  static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @Test
  void everySecretComparisonSiteUsesMessageDigestIsEqual() throws IOException {
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, String> site : SITES.entrySet()) {
      String source = Files.readString(ROOT.resolve(site.getKey()));
      String body = methodBody(source, site.getValue());
      if (body == null || !body.contains("MessageDigest.isEqual(")) {
        missing.add(site.getKey() + " " + site.getValue() + (body == null ? ": method not found" : ""));
      }
    }
    assertThat(missing).as("secret comparisons not done with MessageDigest.isEqual").isEmpty();
  }

  @Test
  void proofVerificationGoesThroughTheConstantTimeSecretComparison() throws IOException {
    String proof = Files.readString(ROOT.resolve("protocol/src/main/java/io/printerlink/protocol/Proof.java"));

    assertThat(methodBody(proof, "verify")).contains(".equalsSecret(");
  }

  @Test
  void noMainSourceComparesArraysWithArraysEquals() throws IOException {
    List<String> offences = new ArrayList<>();
    try (Stream<Path> files = Files.walk(ROOT)) {
      for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))
          .filter(f -> f.toString().contains("/src/main/java/"))::iterator) {
        List<String> lines = Files.readAllLines(p);
        for (int i = 0; i < lines.size(); i++) {
          if (lines.get(i).contains("Arrays.equals(")) {
            offences.add(ROOT.relativize(p) + ":" + (i + 1) + ": " + lines.get(i).strip());
          }
        }
      }
    }
    assertThat(offences).isEmpty();
  }

  /** The body of the first method declared as {@code name} (a declaration, not a call), or null. */
  static String methodBody(String source, String name) {
    Matcher m = Pattern.compile("(?m)^\\s*(?:(?:public|protected|private|static|final|synchronized)\\s+)*[\\w<>\\[\\]?,. ]+\\s+"
        + Pattern.quote(name) + "\\s*\\([^;{]*\\)\\s*(?:throws [\\w., ]+)?\\{").matcher(source);
    if (!m.find()) {
      return null;
    }
    int depth = 1;
    int i = m.end();
    while (i < source.length() && depth > 0) {
      char c = source.charAt(i++);
      depth += c == '{' ? 1 : c == '}' ? -1 : 0;
    }
    return source.substring(m.end(), i - 1);
  }
}
