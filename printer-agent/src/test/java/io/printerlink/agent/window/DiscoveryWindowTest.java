package io.printerlink.agent.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.protocol.Proof;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.SecretAccess;
import io.printerlink.protocol.Secrets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DiscoveryWindowTest {
  private static final Duration LENGTH = Duration.ofMinutes(10);
  private final SecureRandom random = new SecureRandom();
  private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
  private final List<CloseReason> closes = new ArrayList<>();

  private DiscoveryWindow open() {
    return DiscoveryWindow.open(random, nanos::get, LENGTH, 10, (w, r) -> closes.add(r));
  }

  private static String text(Secret s) {
    return s.text(SecretAccess.REVEAL);
  }

  @Test
  void instanceIdIsLowerCaseUuidV4() {
    assertThat(open().instanceId())
        .matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  }

  @Test
  void eachWindowHasFreshIdAndSecret() {
    DiscoveryWindow a = open();
    DiscoveryWindow b = open();
    assertThat(a.instanceId()).isNotEqualTo(b.instanceId());
    assertThat(text(a.exchange(a.instanceId()).orElseThrow()))
        .isNotEqualTo(text(b.exchange(b.instanceId()).orElseThrow()));
  }

  @Test
  void secretHas32CharactersOfTheAlphabet() {
    DiscoveryWindow w = open();
    Secret s = w.exchange(w.instanceId()).orElseThrow();
    assertThat(s.length()).isEqualTo(32);
    assertThat(Secrets.isLocalSecretShape(s)).isTrue();
  }

  @Test
  void exchangeHandsOutACopy() {
    DiscoveryWindow w = open();
    Secret first = w.exchange(w.instanceId()).orElseThrow();
    String before = text(first);
    first.destroy();
    assertThat(text(w.exchange(w.instanceId()).orElseThrow())).isEqualTo(before);
  }

  @Test
  void staysOpenUntilJustBeforeTheMonotonicDeadline_T11() {
    DiscoveryWindow w = open();
    nanos.addAndGet(LENGTH.toNanos() - 1);
    assertThat(w.isOpen()).isTrue();
    assertThat(w.secondsLeft()).isEqualTo(1);
  }

  @Test
  void closesAtTheMonotonicDeadline_T11() {
    DiscoveryWindow w = open();
    nanos.addAndGet(LENGTH.toNanos());
    assertThat(w.isOpen()).isFalse();
    assertThat(w.closeReason()).contains(CloseReason.EXPIRED);
    assertThat(w.secondsLeft()).isZero();
    assertThat(w.exchange(w.instanceId())).isEmpty();
    assertThat(closes).containsExactly(CloseReason.EXPIRED);
  }

  @Test
  void secondsLeftCountsDownOnTheMonotonicClock() {
    DiscoveryWindow w = open();
    assertThat(w.secondsLeft()).isEqualTo(600);
    nanos.addAndGet(Duration.ofSeconds(90).toNanos());
    assertThat(w.secondsLeft()).isEqualTo(510);
  }

  @Test
  void monotonicCounterWrapDoesNotCloseEarly() {
    nanos.set(Long.MAX_VALUE - Duration.ofMinutes(1).toNanos());
    DiscoveryWindow w = open();
    nanos.addAndGet(Duration.ofMinutes(5).toNanos());
    assertThat(w.isOpen()).isTrue();
  }

  @Test
  void wrongIdIsCountedAndGivesNothing_T06() {
    DiscoveryWindow w = open();
    assertThat(w.exchange("00000000-0000-4000-8000-000000000000")).isEmpty();
    assertThat(w.failures()).isEqualTo(1);
    assertThat(w.isOpen()).isTrue();
  }

  @Test
  void tenthFailureClosesTheWindow_T06() {
    DiscoveryWindow w = open();
    for (int i = 0; i < 9; i++) {
      w.exchange("wrong");
    }
    assertThat(w.isOpen()).isTrue();
    w.exchange("wrong");
    assertThat(w.isOpen()).isFalse();
    assertThat(w.closeReason()).contains(CloseReason.TOO_MANY_FAILURES);
    assertThat(w.exchange(w.instanceId())).isEmpty();
  }

  @Test
  void matchingProofVerifiesAndEndsTheWindow() {
    DiscoveryWindow w = open();
    Secret secret = w.exchange(w.instanceId()).orElseThrow();
    String nonce = Secrets.newNonce(random, 16);
    assertThat(w.verify("acc_1", nonce, Proof.compute(secret, w.instanceId(), "acc_1", nonce))).isTrue();
    assertThat(w.closeReason()).contains(CloseReason.VERIFIED);
  }

  @Test
  void proofForAnotherAccountIsRejectedAndEndsTheWindow_T07() {
    DiscoveryWindow w = open();
    Secret secret = w.exchange(w.instanceId()).orElseThrow();
    String nonce = Secrets.newNonce(random, 16);
    Secret proof = Proof.compute(secret, w.instanceId(), "acc_other", nonce);
    assertThat(w.verify("acc_1", nonce, proof)).isFalse();
    assertThat(w.closeReason()).contains(CloseReason.REJECTED);
    assertThat(w.exchange(w.instanceId())).isEmpty();
  }

  @Test
  void forgedProofIsRejected_T08() {
    DiscoveryWindow w = open();
    String nonce = Secrets.newNonce(random, 16);
    Secret forged = Proof.compute(Secrets.newLocalSecret(random), w.instanceId(), "acc_1", nonce);
    assertThat(w.verify("acc_1", nonce, forged)).isFalse();
    assertThat(w.isOpen()).isFalse();
  }

  @Test
  void closedWindowVerifiesNothing() {
    DiscoveryWindow w = open();
    Secret secret = w.exchange(w.instanceId()).orElseThrow();
    w.close(CloseReason.ENDED);
    String nonce = Secrets.newNonce(random, 16);
    assertThat(w.verify("acc_1", nonce, Proof.compute(secret, w.instanceId(), "acc_1", nonce))).isFalse();
  }

  @Test
  void closeListenerRunsOnce() {
    DiscoveryWindow w = open();
    w.close(CloseReason.ENDED);
    w.close(CloseReason.ENDED);
    nanos.addAndGet(LENGTH.toNanos());
    w.isOpen();
    assertThat(closes).containsExactly(CloseReason.ENDED);
  }

  @Test
  void toStringDoesNotRevealTheSecret() {
    DiscoveryWindow w = open();
    String secret = text(w.exchange(w.instanceId()).orElseThrow());
    assertThat(w.toString()).doesNotContain(secret).contains(w.instanceId());
  }

  @Test
  void refusesNonPositiveLength() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> DiscoveryWindow.open(random, nanos::get, Duration.ZERO, 10, (w, r) -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("length must be a positive duration");
  }
}
