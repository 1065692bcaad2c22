package io.printerlink.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.api.AgentLinkCodeResponse;
import io.printerlink.protocol.api.LinkCodeResponse;
import io.printerlink.protocol.api.SessionResponse;
import io.printerlink.relay.RelayConfig;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many at once: 200 accounts ask for codes together and get 200 distinct codes (the live-code
 * unique index, also when the random source collides); 200 agents redeem and acknowledge together
 * and make 200 printers, each on the account whose code it typed, none twice. Agents are raw HTTP
 * clients (redeem + token-stored), as lightweight as the real one.
 */
class CodeConcurrencyTest {
  private static final int N = RelayConfig.DEFAULT_MAX_LIVE_CODES;

  @TempDir Path dir;
  CodeHarness h;
  ExecutorService pool;

  @AfterEach
  void stop() throws Exception {
    if (pool != null) {
      pool.shutdownNow();
    }
    if (h != null) {
      h.close();
    }
  }

  /** Runs every task at the same moment (one start gate) and returns their results in order. */
  private <T> List<T> together(List<Callable<T>> tasks) throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> task : tasks) {
      futures.add(pool.submit(() -> {
        gate.await();
        return task.call();
      }));
    }
    gate.countDown();
    List<T> out = new ArrayList<>();
    for (Future<T> f : futures) {
      out.add(f.get(60, TimeUnit.SECONDS));
    }
    return out;
  }

  private List<SessionResponse> accounts() throws Exception {
    List<SessionResponse> accounts = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      accounts.add(h.signUp());
    }
    return accounts;
  }

  private List<String> issueAll(List<SessionResponse> accounts) throws Exception {
    List<Callable<RelayFixture.Resp>> asks = new ArrayList<>();
    for (SessionResponse a : accounts) {
      asks.add(() -> h.issue(a));
    }
    List<String> codes = new ArrayList<>();
    for (RelayFixture.Resp r : together(asks)) {
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      codes.add(r.as(LinkCodeResponse.class).code());
    }
    return codes;
  }

  @Test
  void twoHundredAccountsAskingAtOnceGetTwoHundredDistinctCodes() throws Exception {
    h = CodeHarness.start(dir);
    pool = Executors.newFixedThreadPool(N);

    List<String> codes = issueAll(accounts());

    assertThat(new HashSet<>(codes)).hasSize(N);
    assertThat(h.count("SELECT COUNT(DISTINCT live_code) FROM link_codes WHERE state = 'LIVE'")).isEqualTo(N);
  }

  @Test
  void codesStayDistinctWhenTheRandomSourceCollidesOften() throws Exception {
    // Only 2N possible codes: about half of all draws hit a live code and must be refused by the index.
    h = CodeHarness.start(dir, CodeHarness.NOON, b -> b.random(new NarrowRandom(2 * N)));
    pool = Executors.newFixedThreadPool(N);

    List<String> codes = issueAll(accounts());

    assertThat(new HashSet<>(codes)).hasSize(N);
    assertThat(codes).allSatisfy(c -> assertThat(Integer.parseInt(c)).isLessThan(2 * N));
  }

  @Test
  void twoHundredAgentsRedeemingAtOnceMakeTwoHundredPrintersOnTheRightAccounts() throws Exception {
    // 200 redemptions then 200 acks on a loaded 2-core machine: the ack deadline is not under test here.
    h = CodeHarness.start(dir, CodeHarness.NOON, b -> b.tokenAckTimeout(Duration.ofMinutes(2)));
    pool = Executors.newFixedThreadPool(N);
    List<SessionResponse> accounts = accounts();
    List<String> codes = issueAll(accounts);

    List<Callable<AgentLinkCodeResponse>> agents = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      String code = codes.get(i);
      int host = 1 + i % 20; // 20 households, 10 printers each
      agents.add(() -> {
        RelayFixture.Resp r = h.redeem(host, code);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        AgentLinkCodeResponse granted = r.as(AgentLinkCodeResponse.class);
        assertThat(h.ack(host, granted).status()).isEqualTo(204);
        return granted;
      });
    }
    List<AgentLinkCodeResponse> linked = together(agents);

    Set<String> printers = new HashSet<>();
    for (int i = 0; i < N; i++) {
      assertThat(linked.get(i).accountId()).as("agent %d typed account %d's code", i, i)
          .isEqualTo(accounts.get(i).accountId());
      printers.add(linked.get(i).printerId());
      assertThat(h.count("SELECT COUNT(*) FROM printers WHERE account_id = ? AND state = 'ACTIVE'",
          accounts.get(i).accountId())).isEqualTo(1);
    }
    assertThat(printers).hasSize(N);
    assertThat(h.count("SELECT COUNT(*) FROM printers")).isEqualTo(N);
    assertThat(h.count("SELECT COUNT(*) FROM printers WHERE state <> 'ACTIVE'")).isZero();
  }

  @Test
  void twoAgentsRacingForOneCodeMakeOnePrinter() throws Exception {
    h = CodeHarness.start(dir);
    pool = Executors.newFixedThreadPool(2);
    String code = h.code(h.signUp());

    List<RelayFixture.Resp> answers = together(List.of(() -> h.redeem(2, code), () -> h.redeem(3, code)));

    assertThat(answers).extracting(RelayFixture.Resp::status).containsExactlyInAnyOrder(201, 409);
    assertThat(answers).filteredOn(r -> r.status() == 409).extracting(RelayFixture.Resp::error)
        .containsExactly(ErrorCodes.CODE_ALREADY_USED);
    assertThat(h.count("SELECT COUNT(*) FROM printers")).isEqualTo(1);
  }

  /** A random source whose codes come from 0..bound-1 only; everything else stays secure. */
  static final class NarrowRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final int bound;

    NarrowRandom(int bound) {
      this.bound = bound;
    }

    @Override
    public int nextInt(int requested) {
      return requested == 1_000_000 ? super.nextInt(bound) : super.nextInt(requested);
    }
  }
}
