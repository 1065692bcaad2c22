package io.printerlink.relay.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.relay.http.ApiException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The shared rate-limit mechanism, on a fake monotonic clock. */
class KeyedRateLimitsTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  @Test
  void allowsTheBurstThenRefusesWithTheTimeToTheNextPermit() {
    KeyedRateLimits limits = new KeyedRateLimits("test", Rate.of(3, Duration.ofSeconds(30)), now::get);

    assertThat(limits.tryAcquire("k").allowed()).isTrue();
    assertThat(limits.tryAcquire("k").allowed()).isTrue();
    assertThat(limits.tryAcquire("k").allowed()).isTrue();
    Decision refused = limits.tryAcquire("k");

    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(10));
    assertThat(refused.retryAfterSeconds()).isEqualTo(10);
  }

  @Test
  void refillsOnTheInjectedMonotonicClock() {
    KeyedRateLimits limits = new KeyedRateLimits("test", Rate.of(1, Duration.ofSeconds(10)), now::get);
    limits.tryAcquire("k");

    now.addAndGet(Duration.ofSeconds(9).toNanos());
    assertThat(limits.tryAcquire("k").allowed()).isFalse();
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(limits.tryAcquire("k").allowed()).isTrue();
  }

  @Test
  void keysAreIndependent() {
    KeyedRateLimits limits = new KeyedRateLimits("test", Rate.of(1, Duration.ofMinutes(1)), now::get);
    limits.tryAcquire("a");

    assertThat(limits.tryAcquire("a").allowed()).isFalse();
    assertThat(limits.tryAcquire("b").allowed()).isTrue();
  }

  @Test
  void idleKeysAreSweptOnceTheMapGrowsButBusyOnesKeepTheirState() {
    KeyedRateLimits limits = new KeyedRateLimits("test", Rate.of(1, Duration.ofSeconds(10)), now::get, 4);
    limits.tryAcquire("busy");
    for (int i = 0; i < 3; i++) {
      limits.tryAcquire("old" + i);
    }
    now.addAndGet(Duration.ofSeconds(10).toNanos());
    limits.tryAcquire("busy");

    limits.tryAcquire("new");

    assertThat(limits.size()).isEqualTo(2);
    assertThat(limits.tryAcquire("busy").allowed()).as("busy key still limited after the sweep").isFalse();
  }

  @Test
  void retryAfterSecondsRoundsUpAndIsAtLeastOne() {
    assertThat(Decision.refuse(Duration.ofMillis(1)).retryAfterSeconds()).isEqualTo(1);
    assertThat(Decision.refuse(Duration.ofMillis(2001)).retryAfterSeconds()).isEqualTo(3);
  }

  @Test
  void orThrowGivesTheHttp429WithRetryAfter() {
    Decision refused = Decision.refuse(Duration.ofSeconds(7));

    assertThatThrownBy(() -> refused.orThrow("too many link requests"))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.status()).isEqualTo(429);
          assertThat(e.code()).isEqualTo(ErrorCodes.RATE_LIMITED);
          assertThat(e.retryAfterSeconds()).isEqualTo(7L);
        });
  }

  @Test
  void rateRefusesNonsense() {
    assertThatThrownBy(() -> Rate.of(0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("rate permits must be at least 1");
    assertThatThrownBy(() -> Rate.of(1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("rate period must be a positive duration");
  }
}
