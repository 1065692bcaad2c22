package io.printerlink.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.printerlink.agent.AgentStatus;
import io.printerlink.agent.PrinterAgent;
import io.printerlink.agent.state.TokenStore;
import io.printerlink.desktop.core.LinkException;
import io.printerlink.desktop.core.LinkingCore;
import io.printerlink.desktop.core.Session;
import io.printerlink.protocol.Proof;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.SecretAccess;
import io.printerlink.protocol.Secrets;
import io.printerlink.protocol.api.DiscoveredPrinter;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.api.LinkState;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * T13 (issue 3, must-show 3): a full link through the real client core and two failed links
 * (a replayed proof that the agent rejects, and a client-core link after the window closed), with
 * every PrinterLink logger (relay, agent, client core, all in this JVM) at DEBUG. Then every log
 * line (with logged stack traces), the relay's H2 files and the agents' state folders are scanned
 * for the local secrets, the proofs, the session tokens and the printer token: zero hits. A
 * positive control proves the scan reads what the relay wrote (the printer token's hash is in the
 * database) and what the components logged (ids are in the log). Exception messages the client
 * got are scanned too.
 *
 * <p>Jetty's own loggers stay at WARN as in {@code logback-test.xml} and in production: Jetty's
 * wire-level DEBUG dumps raw request headers by design and is never switched on in service.
 */
class T13SecretHygieneTest {
  @TempDir Path temp;
  private AttackFixture f;
  private LogCapture logs;

  @BeforeEach
  void start() throws Exception {
    logs = LogCapture.atDebug();
    f = AttackFixture.start(temp);
  }

  @AfterEach
  void stop() {
    try {
      f.close();
    } finally {
      logs.close();
    }
  }

  @Test
  void noSecretInAnyLogLineDatabaseFileOrExceptionMessage_T13() throws Exception {
    Map<String, String> secrets = new LinkedHashMap<>();
    List<String> exceptionTexts = new ArrayList<>();
    AttackFixture.Account household = f.createAccount("household");
    AttackFixture.Account replayer = f.createAccount("replayer");
    secrets.put("household session token", household.token().text(SecretAccess.REVEAL));
    secrets.put("replayer session token", replayer.token().text(SecretAccess.REVEAL));

    // Failed link 1: a real proof for the household, replayed by another account -> REJECTED.
    PrinterAgent first = f.startAgent("hygiene-one", b -> b);
    AgentStatus one = AttackFixture.awaitDiscoverable(first);
    Secret secretOne = f.localSecret(first, one.instanceId());
    String nonceOne = f.nonce();
    Secret proofOne = Proof.compute(secretOne, one.instanceId(), household.id(), nonceOne);
    secrets.put("local secret 1", secretOne.text(SecretAccess.REVEAL));
    secrets.put("replayed proof", proofOne.text(SecretAccess.REVEAL));
    LinkRequestView rejected = f.awaitFinal(replayer, f.submitLinkRequest(replayer, one.instanceId(), nonceOne, proofOne).id());
    assertThat(rejected.linkState()).isEqualTo(LinkState.REJECTED);
    AttackFixture.awaitAgent(first, "window closed", s -> !s.windowOpen());
    first.close();

    // Full link through the real client core, whose random source is recorded so the test knows
    // the nonce it drew and can recompute the proof it sent.
    PrinterAgent second = f.startAgent("hygiene-two", b -> b);
    AgentStatus two = AttackFixture.awaitDiscoverable(second);
    RecordingRandom coreRandom = new RecordingRandom();
    LinkingCore core = f.coreWith(coreRandom);
    Session session = core.signIn(new io.printerlink.desktop.core.Credentials(
        household.username(), Secret.fromText(AttackFixture.PASSWORD), false));
    secrets.put("client core session token", sessionToken(session));
    DiscoveredPrinter listed = core.awaitSinglePrinter();
    Secret secretTwo = f.localSecret(second, two.instanceId());
    secrets.put("local secret 2", secretTwo.text(SecretAccess.REVEAL));
    LinkRequestView linked = core.link(listed, e -> exceptionTexts.add(e.message()));
    assertThat(linked.linkState()).isEqualTo(LinkState.LINKED);
    String nonceTwo = Base64.getUrlEncoder().withoutPadding().encodeToString(coreRandom.last(16));
    secrets.put("client core proof", Proof.compute(secretTwo, two.instanceId(), household.id(), nonceTwo)
        .text(SecretAccess.REVEAL));
    Path tokenFile = second.config().stateDir().resolve(TokenStore.TOKEN_FILE);
    AttackFixture.awaitTrue("token file written", () -> Files.exists(tokenFile));
    String printerToken = Files.readString(tokenFile, StandardCharsets.US_ASCII).strip();
    secrets.put("printer token", printerToken);

    // Failed link 2: the client core tries the (now closed) window again.
    LinkException late = catchThrowableOfType(() -> core.link(listed, e -> exceptionTexts.add(e.message())),
        LinkException.class);
    assertThat(late).isNotNull();
    exceptionTexts.add(late.getMessage());
    exceptionTexts.add(late.reason());
    exceptionTexts.add(String.valueOf(late));

    f.close(); // flush and close the H2 files before reading them
    byte[] database = readAll(f.relayDataDir());
    byte[] agentState = concat(readAll(first.config().stateDir()), readAllExcept(second.config().stateDir(), tokenFile));
    List<String> lines = logs.lines();

    // Positive controls: the scans do read what was written.
    assertThat(contains(database, Secrets.sha256Hex(Secret.fromText(printerToken)))).as("token hash in the database").isTrue();
    assertThat(lines).as("components logged the links at DEBUG")
        .anyMatch(l -> l.contains(rejected.id())).anyMatch(l -> l.contains(linked.id()))
        .anyMatch(l -> l.startsWith("DEBUG io.printerlink"));
    assertThat(printerToken).hasSize(43);

    for (Map.Entry<String, String> s : secrets.entrySet()) {
      assertThat(s.getValue()).as(s.getKey()).hasSizeGreaterThanOrEqualTo(32);
      assertThat(lines).as("%s in a log line", s.getKey()).noneMatch(l -> l.contains(s.getValue()));
      assertThat(contains(database, s.getValue())).as("%s in the relay database files", s.getKey()).isFalse();
      assertThat(exceptionTexts).as("%s in an exception or event message", s.getKey())
          .noneMatch(t -> t != null && t.contains(s.getValue()));
      if (!s.getKey().equals("printer token")) {
        assertThat(contains(agentState, s.getValue())).as("%s in an agent state folder", s.getKey()).isFalse();
      }
    }
    assertThat(secretOne.toString()).isEqualTo("Secret[redacted]");
  }

  /** The client core keeps its session token package-private; the test reads it reflectively, only to search for it. */
  private static String sessionToken(Session session) throws Exception {
    Method token = Session.class.getDeclaredMethod("token");
    token.setAccessible(true);
    return ((Secret) token.invoke(session)).text(SecretAccess.REVEAL);
  }

  /** A SecureRandom that remembers what it handed out last. */
  static final class RecordingRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final transient List<byte[]> outputs = new ArrayList<>();

    @Override
    public synchronized void nextBytes(byte[] bytes) {
      super.nextBytes(bytes);
      if (outputs != null) {
        outputs.add(bytes.clone());
      }
    }

    synchronized byte[] last(int length) {
      for (int i = outputs.size() - 1; i >= 0; i--) {
        if (outputs.get(i).length == length) {
          return outputs.get(i);
        }
      }
      throw new AssertionError("no " + length + "-byte draw recorded");
    }
  }

  private static byte[] readAll(Path dir) throws Exception {
    return readAllExcept(dir, null);
  }

  private static byte[] readAllExcept(Path dir, Path skip) throws Exception {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    if (!Files.exists(dir)) {
      return all.toByteArray();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        if (!p.equals(skip)) {
          all.write(Files.readAllBytes(p));
        }
      }
    }
    return all.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static boolean contains(byte[] haystack, String needle) {
    byte[] n = needle.getBytes(StandardCharsets.UTF_8);
    outer:
    for (int i = 0; i + n.length <= haystack.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (haystack[i + j] != n[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
