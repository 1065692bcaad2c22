package io.printerlink.desktop.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.agent.AgentMain;
import io.printerlink.desktop.cli.Cli;
import io.printerlink.desktop.cli.CliContext;
import io.printerlink.desktop.cli.ExitCodes;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.ws.LinkCodeEvent;
import io.printerlink.relay.RelayConfig;
import io.printerlink.relay.RelayServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core's code flow and {@code link --code}, against a real relay, redeemed by the real agent command. */
class CodeLinkTest {
  private static final String PASSWORD = "correct horse battery";

  @TempDir Path relayData;
  @TempDir Path agentState;
  private RelayServer relay;
  private CoreClients clients;
  private ExecutorService executor;
  private LinkingCore core;

  @BeforeEach
  void start() throws Exception {
    relay = RelayServer.start(RelayConfig.builder().port(0).dataDir(relayData).passwordIterations(1000)
        .tokenAckTimeout(Duration.ofSeconds(5)).build());
    clients = CoreClients.start(relay.httpUri(), CoreConfig.defaults());
    executor = Executors.newCachedThreadPool();
    core = LinkingCore.create(clients, CoreConfig.defaults(), Clock.systemUTC(), System::nanoTime, new SecureRandom(),
        executor);
    core.signIn(new Credentials("ada", Secret.fromText(PASSWORD), true));
  }

  @AfterEach
  void stop() {
    try {
      clients.close();
      executor.shutdownNow();
    } finally {
      relay.close();
    }
  }

  private int agentLink(String code) {
    return AgentMain.execute(new String[] {"link", "--code", code, "--relay", relay.httpUri().toString(),
        "--state-dir", agentState.toString(), "--name", "Bench printer"},
        new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
  }

  @Test
  void issuedCodeCarriesItsExpiryAndAskingAgainGivesTheSameCode() throws Exception {
    Instant before = Instant.now();

    LinkCode code = core.issueLinkCode();
    LinkCode again = core.issueLinkCode();

    assertThat(code.code()).matches("[0-9]{6}");
    assertThat(code.expiresAt()).isBetween(before.plusSeconds(599), Instant.now().plusSeconds(601));
    assertThat(again.code()).isEqualTo(code.code());
  }

  @Test
  void codeTypedAtThePrinterEndsLinkedWithRedeemedThenLinkedPushed() throws Exception {
    LinkCode code = core.issueLinkCode();
    List<LinkCodeEvent> events = new CopyOnWriteArrayList<>();
    List<Long> countdown = new CopyOnWriteArrayList<>();
    Future<LinkCodeResult> waiting = executor.submit(() -> core.awaitCodeLink(code, new CodeLinkListener() {
      @Override
      public void onCountdown(long secondsLeft) {
        countdown.add(secondsLeft);
      }

      @Override
      public void onCodeEvent(LinkCodeEvent event) {
        events.add(event);
      }
    }));

    assertThat(agentLink(code.code())).isZero();
    LinkCodeResult result = waiting.get(20, TimeUnit.SECONDS);

    assertThat(result.outcome()).isEqualTo(LinkCodeResult.Outcome.LINKED);
    assertThat(result.printerId()).startsWith("prn_");
    assertThat(result.printerName()).isNotBlank();
    assertThat(events).extracting(LinkCodeEvent::state).containsExactly("REDEEMED", "LINKED");
    assertThat(countdown.get(0)).isBetween(590L, 600L);
    assertThat(core.printers().printers()).extracting(p -> p.id()).containsExactly(result.printerId());
  }

  @Test
  void theWaitOutlastsARelayRestartAndEndsLinkedWhenTheCodeIsTypedAfterIt() throws Exception {
    LinkCode code = core.issueLinkCode();
    BlockingQueue<Boolean> connection = new LinkedBlockingQueue<>();
    Future<LinkCodeResult> waiting = executor.submit(() -> core.awaitCodeLink(code, new CodeLinkListener() {
      @Override
      public void onRelayConnection(boolean live) {
        connection.add(live);
      }
    }));
    int port = relay.httpUri().getPort();
    relay.close();
    assertThat(connection.poll(10, TimeUnit.SECONDS)).as("told the relay is away").isFalse();
    assertThat(waiting).isNotDone();

    // The same relay (same port, same database: the session and the code are still there) comes back.
    relay = RelayServer.start(RelayConfig.builder().port(port).dataDir(relayData).passwordIterations(1000)
        .tokenAckTimeout(Duration.ofSeconds(5)).build());
    assertThat(connection.poll(10, TimeUnit.SECONDS)).as("told the relay is back").isTrue();
    assertThat(connection).as("no further changes").isEmpty();
    assertThat(agentLink(code.code())).isZero();

    LinkCodeResult result = waiting.get(20, TimeUnit.SECONDS);
    assertThat(result.outcome()).isEqualTo(LinkCodeResult.Outcome.LINKED);
  }

  @Test
  void aSignInLockOutTellsHowLongToWait() throws Exception {
    try (RelayServer strict = RelayServer.start(RelayConfig.builder().port(0).dataDir(relayData.resolve("strict"))
        .passwordIterations(1000).signInFailuresPerKey(2).build())) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CliContext ctx = new CliContext(Clock.systemUTC(), System::nanoTime, new SecureRandom(),
          Map.of(CliContext.PASSWORD_ENV, "not the password"), CoreConfig.defaults(), new PrintWriter(out, true),
          new PrintWriter(err, true));
      String[] printers = {"printers", "--relay", strict.httpUri().toString(), "--username", "ada"};
      Cli.run(ctx, printers); // creates nothing: ada has no account on this relay, so these are failed sign-ins
      Cli.run(ctx, printers);
      err.getBuffer().setLength(0);

      assertThat(Cli.run(ctx, printers)).isEqualTo(ExitCodes.FAILED);
      assertThat(err.toString()).contains("too many failed sign-ins").containsPattern("\\(in about [0-9]+ (min|s)\\)")
          .doesNotContain("wait a minute");
    }
  }

  @Test
  void cliUnlinkRemovesTheAccountsPrinterAndNamesAnUnknownOne() throws Exception {
    LinkCode code = core.issueLinkCode();
    Future<LinkCodeResult> waiting = executor.submit(() -> core.awaitCodeLink(code, new CodeLinkListener() { }));
    assertThat(agentLink(code.code())).isZero();
    String printerId = waiting.get(20, TimeUnit.SECONDS).printerId();

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx = new CliContext(Clock.systemUTC(), System::nanoTime, new SecureRandom(),
        Map.of(CliContext.PASSWORD_ENV, PASSWORD), CoreConfig.defaults(), new PrintWriter(out, true), new PrintWriter(err, true));
    String[] unlink = {"unlink", printerId, "--relay", relay.httpUri().toString(), "--username", "ada"};

    assertThat(Cli.run(ctx, unlink)).as("stderr: %s", err).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("Unlinked " + printerId);
    assertThat(core.printers().printers()).isEmpty();
    assertThat(Cli.run(ctx, unlink)).isEqualTo(ExitCodes.FAILED);
    assertThat(err.toString()).contains("no printer " + printerId + " is linked to this account").doesNotContain("\tat ");
    assertThat(Cli.run(ctx, "unlink", "../etc", "--relay", relay.httpUri().toString(), "--username", "ada"))
        .isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void cliLinkWithCodePrintsTheCodeThenLinkedAndExitsZero() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx = new CliContext(Clock.systemUTC(), System::nanoTime, new SecureRandom(),
        Map.of(CliContext.PASSWORD_ENV, PASSWORD), CoreConfig.defaults(),
        new PrintWriter(out, true), new PrintWriter(err, true));
    CompletableFuture<Integer> cli = CompletableFuture.supplyAsync(() -> Cli.run(ctx,
        new String[] {"link", "--code", "--relay", relay.httpUri().toString(), "--username", "ada"}), executor);

    String code = awaitCode(out);
    assertThat(agentLink(code)).isZero();
    int exit = cli.get(20, TimeUnit.SECONDS);

    assertThat(exit).as("stderr: %s", err).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("valid 10:00").contains("REDEEMED").containsPattern("LINKED +printer prn_")
        .contains("Linked \"");
    // the agent command shown can be typed as it is: the relay URL is this session's, not a placeholder
    assertThat(out.toString()).contains("java -jar printerlink-agent.jar link --code " + code + " --relay " + relay.httpUri() + ")")
        .doesNotContain("<relay URL>");
  }

  /** Polls the CLI's output (a StringWriter is synchronized) until it shows the code. */
  private static String awaitCode(StringWriter out) {
    Pattern shown = Pattern.compile("Code: (\\d{3}) (\\d{3})");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      Matcher m = shown.matcher(out.toString());
      if (m.find()) {
        return m.group(1) + m.group(2);
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("the CLI showed no code within 20 s: " + out);
  }
}
