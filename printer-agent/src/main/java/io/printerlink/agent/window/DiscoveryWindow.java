package io.printerlink.agent.window;

import io.printerlink.protocol.Proof;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.SecretAccess;
import io.printerlink.protocol.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * One discovery window (PROTOCOL.md step 1): a fresh instance id and local secret, a deadline on
 * the monotonic clock only, and a failed-attempt counter. The local secret lives only in this
 * object's memory: it is never written to disk or logged, {@link #toString()} shows only the
 * instance id, and closing the window destroys it. Once closed a window never reopens; the agent
 * makes a new one.
 *
 * <p>Thread-safe. The close listener runs after the window's lock is released, on the thread
 * that noticed the close.
 */
public final class DiscoveryWindow {
  private final String instanceId;
  private final byte[] instanceIdBytes;
  private final Secret localSecret;
  private final LongSupplier nanoTime;
  private final long deadlineNanos;
  private final int maxFailures;
  private final BiConsumer<DiscoveryWindow, CloseReason> onClose;

  private int failures;
  private CloseReason closeReason;

  private DiscoveryWindow(
      SecureRandom random,
      LongSupplier nanoTime,
      Duration length,
      int maxFailures,
      BiConsumer<DiscoveryWindow, CloseReason> onClose) {
    this.instanceId = newInstanceId(random);
    this.instanceIdBytes = instanceId.getBytes(StandardCharsets.UTF_8);
    this.localSecret = Secrets.newLocalSecret(random);
    this.nanoTime = nanoTime;
    this.deadlineNanos = nanoTime.getAsLong() + length.toNanos();
    this.maxFailures = maxFailures;
    this.onClose = onClose;
  }

  /**
   * Opens a window now.
   *
   * @param onClose called once when the window closes, with the reason (not under the lock)
   */
  public static DiscoveryWindow open(
      SecureRandom random,
      LongSupplier nanoTime,
      Duration length,
      int maxFailures,
      BiConsumer<DiscoveryWindow, CloseReason> onClose) {
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(nanoTime, "nanoTime");
    Objects.requireNonNull(onClose, "onClose");
    if (length == null || length.isNegative() || length.isZero()) {
      throw new IllegalArgumentException("length must be a positive duration");
    }
    if (maxFailures < 1) {
      throw new IllegalArgumentException("maxFailures must be at least 1");
    }
    return new DiscoveryWindow(random, nanoTime, length, maxFailures, onClose);
  }

  /** A lower-case UUID v4 from {@code random} (not {@link UUID#randomUUID()}, whose source is global). */
  static String newInstanceId(SecureRandom random) {
    byte[] b = new byte[16];
    random.nextBytes(b);
    b[6] = (byte) ((b[6] & 0x0f) | 0x40);
    b[8] = (byte) ((b[8] & 0x3f) | 0x80);
    long msb = 0;
    long lsb = 0;
    for (int i = 0; i < 8; i++) {
      msb = (msb << 8) | (b[i] & 0xff);
      lsb = (lsb << 8) | (b[i + 8] & 0xff);
    }
    return new UUID(msb, lsb).toString();
  }

  public String instanceId() {
    return instanceId;
  }

  /** True while the window is open; notices the deadline (and closes) when it has passed. */
  public boolean isOpen() {
    CloseReason closed;
    boolean open;
    synchronized (this) {
      closed = expireIfDue();
      open = closeReason == null;
    }
    notifyClosed(closed);
    return open;
  }

  /** Whole seconds left, rounded up; 0 once closed. */
  public long secondsLeft() {
    CloseReason closed;
    long left;
    synchronized (this) {
      closed = expireIfDue();
      left = closeReason != null ? 0 : ceilSeconds(deadlineNanos - nanoTime.getAsLong());
    }
    notifyClosed(closed);
    return left;
  }

  /** Failed exchange attempts counted in this window so far. */
  public synchronized int failures() {
    return failures;
  }

  /** Why the window closed, or empty while it is open. */
  public synchronized Optional<CloseReason> closeReason() {
    return Optional.ofNullable(closeReason);
  }

  /**
   * The LAN exchange (step 4), after the caller has checked the TCP peer. Gives a copy of the
   * local secret when the window is open and {@code presentedInstanceId} equals the instance id
   * (constant-time comparison); otherwise counts a failure (when the window is open) and gives
   * empty. The {@code maxFailures}-th failure closes the window.
   */
  public Optional<Secret> exchange(String presentedInstanceId) {
    byte[] presented =
        presentedInstanceId == null ? new byte[0] : presentedInstanceId.getBytes(StandardCharsets.UTF_8);
    CloseReason closed;
    Secret result = null;
    synchronized (this) {
      closed = expireIfDue();
      if (closed == null && closeReason == null) {
        if (MessageDigest.isEqual(instanceIdBytes, presented)) {
          result = Secret.copyOf(localSecret.bytes(SecretAccess.REVEAL));
        } else {
          closed = countFailureLocked();
        }
      }
    }
    notifyClosed(closed);
    return Optional.ofNullable(result);
  }

  /**
   * Counts one failed attempt that never reached the id comparison (a malformed request from a
   * LAN peer). Does nothing once closed.
   */
  public void countFailure() {
    CloseReason closed;
    synchronized (this) {
      closed = expireIfDue();
      if (closed == null && closeReason == null) {
        closed = countFailureLocked();
      }
    }
    notifyClosed(closed);
  }

  /**
   * Step 7: recomputes the proof and compares it in constant time. Whatever the result, the
   * window ends (VERIFIED or REJECTED). A closed window verifies nothing: false.
   */
  public boolean verify(String accountId, String nonce, Secret proof) {
    CloseReason closed;
    boolean match = false;
    synchronized (this) {
      closed = expireIfDue();
      if (closed == null && closeReason == null) {
        match = proof != null && Proof.verify(localSecret, instanceId, accountId, nonce, proof);
        closed = closeLocked(match ? CloseReason.VERIFIED : CloseReason.REJECTED);
      }
    }
    notifyClosed(closed);
    return match;
  }

  /** Closes the window (no effect when already closed). */
  public void close(CloseReason reason) {
    Objects.requireNonNull(reason, "reason");
    CloseReason closed;
    synchronized (this) {
      closed = closeReason == null ? closeLocked(reason) : null;
    }
    notifyClosed(closed);
  }

  private CloseReason countFailureLocked() {
    failures++;
    return failures >= maxFailures ? closeLocked(CloseReason.TOO_MANY_FAILURES) : null;
  }

  private CloseReason expireIfDue() {
    if (closeReason == null && nanoTime.getAsLong() - deadlineNanos >= 0) {
      return closeLocked(CloseReason.EXPIRED);
    }
    return null;
  }

  private CloseReason closeLocked(CloseReason reason) {
    closeReason = reason;
    localSecret.destroy();
    return reason;
  }

  private void notifyClosed(CloseReason closed) {
    if (closed != null) {
      onClose.accept(this, closed);
    }
  }

  private static long ceilSeconds(long nanos) {
    if (nanos <= 0) {
      return 0;
    }
    long s = nanos / 1_000_000_000L;
    return nanos % 1_000_000_000L == 0 ? s : s + 1;
  }

  @Override
  public String toString() {
    return "DiscoveryWindow[instanceId=" + instanceId + "]";
  }
}
