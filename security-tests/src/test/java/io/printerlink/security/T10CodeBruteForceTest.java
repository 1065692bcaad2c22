package io.printerlink.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.api.AgentLinkCodeResponse;
import io.printerlink.protocol.api.SessionResponse;
import io.printerlink.relay.RelayConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SECURITY.md T10: brute-forcing 6-digit codes, with the relay's default limits
 * ({@link RelayConfig#DEFAULT_CODE_FAILURES_PER_KEY} failures per network key and
 * {@link RelayConfig#DEFAULT_CODE_FAILURES_GLOBAL} relay-wide per 10 minutes). Each 127.0.0.N
 * client is its own network key. The bound these limits give is in docs/codes.md.
 */
class T10CodeBruteForceTest {
  private static final int PER_KEY = RelayConfig.DEFAULT_CODE_FAILURES_PER_KEY;
  private static final int GLOBAL = RelayConfig.DEFAULT_CODE_FAILURES_GLOBAL;
  private static final int ATTACKER = 1;
  private static final int SECOND_ATTACKER = 2;
  private static final int OWNER = 200;

  @TempDir Path dir;
  CodeHarness h;
  SessionResponse owner;
  String code;
  int guesses;

  @BeforeEach
  void ownerHasALiveCode() throws Exception {
    h = CodeHarness.start(dir);
    owner = h.signUp();
    code = h.code(owner);
  }

  @AfterEach
  void stop() {
    h.close();
  }

  /** A wrong guess, never the owner's code. */
  private String wrongGuess() {
    String g;
    do {
      g = String.format("%06d", (guesses++ * 7919) % 1_000_000);
    } while (g.equals(code));
    return g;
  }

  private void failFrom(int host, int times) throws Exception {
    for (int i = 0; i < times; i++) {
      RelayFixture.Resp r = h.redeem(host, wrongGuess());
      assertThat(r.error()).as("guess %d from 127.0.0.%d", i + 1, host).isEqualTo(ErrorCodes.CODE_NOT_FOUND);
    }
  }

  @Test
  void guessingFromOneNetworkKeyIsThrottledAfterTheConfiguredFailures_T10() throws Exception {
    failFrom(ATTACKER, PER_KEY);

    RelayFixture.Resp r = h.redeem(ATTACKER, wrongGuess());

    assertThat(r.status()).isEqualTo(429);
    assertThat(r.error()).isEqualTo(ErrorCodes.RATE_LIMITED);
    assertThat(r.retryAfter()).isEqualTo("600");
  }

  @Test
  void aThrottledKeyIsRefusedEvenWithTheRightCode_T10() throws Exception {
    failFrom(ATTACKER, PER_KEY);

    RelayFixture.Resp r = h.redeem(ATTACKER, code);

    assertThat(r.status()).as("the code is not even looked at").isEqualTo(429);
    assertThat(h.count("SELECT COUNT(*) FROM printers")).isZero();
  }

  @Test
  void throttleLiftsWhenTheWindowHasPassed_T10() throws Exception {
    failFrom(ATTACKER, PER_KEY);
    h.nanos.advance(Duration.ofMinutes(9));
    assertThat(h.redeem(ATTACKER, wrongGuess()).retryAfter()).isEqualTo("60");

    h.nanos.advance(Duration.ofMinutes(1));

    assertThat(h.redeem(ATTACKER, wrongGuess()).error()).isEqualTo(ErrorCodes.CODE_NOT_FOUND);
  }

  @Test
  void aSecondNetworkKeyIsThrottledIndependently_T10() throws Exception {
    failFrom(ATTACKER, PER_KEY);
    assertThat(h.redeem(ATTACKER, wrongGuess()).status()).isEqualTo(429);

    failFrom(SECOND_ATTACKER, PER_KEY);
    RelayFixture.Resp r = h.redeem(SECOND_ATTACKER, wrongGuess());

    assertThat(r.status()).isEqualTo(429);
    assertThat(r.error()).isEqualTo(ErrorCodes.RATE_LIMITED);
  }

  @Test
  void theGlobalCapHoldsAgainstManyNetworkKeys_T10() throws Exception {
    int keys = GLOBAL / PER_KEY;
    for (int host = 1; host <= keys; host++) {
      failFrom(host, PER_KEY);
    }

    RelayFixture.Resp fresh = h.redeem(keys + 1, wrongGuess());

    assertThat(fresh.status()).as("a key that never failed").isEqualTo(429);
    assertThat(fresh.error()).isEqualTo(ErrorCodes.RATE_LIMITED);
    assertThat(fresh.retryAfter()).isEqualTo("600");
    assertThat(h.count("SELECT COUNT(*) FROM audit_log WHERE event = 'LINK_CODE_REFUSED' AND detail = 'CODE_NOT_FOUND'"))
        .isEqualTo(GLOBAL);
  }

  @Test
  void theLegitimateCodeStillWorksForItsOwnerAfterwards_T10() throws Exception {
    failFrom(ATTACKER, PER_KEY);
    failFrom(SECOND_ATTACKER, PER_KEY);
    assertThat(h.redeem(ATTACKER, code).status()).isEqualTo(429);
    CodeHarness.Events events = h.events(owner);

    RelayFixture.Resp r = h.redeem(OWNER, code);

    assertThat(r.status()).as(r.body()).isEqualTo(201);
    AgentLinkCodeResponse granted = r.as(AgentLinkCodeResponse.class);
    assertThat(granted.accountId()).isEqualTo(owner.accountId());
    assertThat(h.ack(OWNER, granted).status()).isEqualTo(204);
    assertThat(events.next().state()).isEqualTo("REDEEMED");
    assertThat(events.next().state()).isEqualTo("LINKED");
  }

  @Test
  void everyFailureIsAudited_T10() throws Exception {
    failFrom(ATTACKER, PER_KEY);
    h.redeem(ATTACKER, wrongGuess());

    assertThat(h.count("SELECT COUNT(*) FROM audit_log WHERE event = 'LINK_CODE_REFUSED' AND network_key = ?",
        "127.0.0." + ATTACKER)).isEqualTo(PER_KEY + 1);
    assertThat(h.count("SELECT COUNT(*) FROM audit_log WHERE network_key = ? AND detail = 'RATE_LIMITED network key'",
        "127.0.0." + ATTACKER)).isEqualTo(1);
    assertThat(h.count("SELECT COUNT(*) FROM audit_log WHERE detail LIKE ?", "%" + code + "%"))
        .as("the digits are never written").isZero();
  }
}
