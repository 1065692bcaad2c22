package io.printerlink.relay.net;

import io.printerlink.relay.limits.DefenceMetrics;
import io.printerlink.relay.store.AuditLog;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The anomaly alarm of T3: a network key that carries more than {@code threshold} distinct agents
 * (instance ids announced) or distinct signed-in accounts within {@code window} is implausible for
 * one home network. The likely cause is a proxy or load balancer in front of the relay that is not
 * configured as trusted, so every user appears under its address. The alarm logs a WARN naming the
 * key and that cause, writes an audit row and moves {@link DefenceMetrics#crowdedKeyAlarms()}; it
 * fires once per key and kind per window. The one-visible rule keeps the harm bounded meanwhile.
 *
 * <p>Memory: per key at most {@code 2 * threshold + 1} ids of each kind are held (enough to count
 * past the threshold), entries older than the window are dropped, idle keys are swept.
 */
public final class CrowdedKeyAlarm {
  private static final Logger LOG = LoggerFactory.getLogger(CrowdedKeyAlarm.class);
  private static final int SWEEP_EVERY = 1024;

  /** What is being counted on a key. */
  public enum Kind {
    AGENTS("agents in discovery"),
    ACCOUNTS("signed-in accounts");

    final String words;

    Kind(String words) {
      this.words = words;
    }
  }

  private final int threshold;
  private final long windowNanos;
  private final LongSupplier nanoTime;
  private final DefenceMetrics metrics;
  private final AuditLog audit;
  private final Map<String, KeyState> keys = new HashMap<>();
  private int calls;

  public CrowdedKeyAlarm(int threshold, Duration window, LongSupplier nanoTime, DefenceMetrics metrics, AuditLog audit) {
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be at least 1");
    }
    this.threshold = threshold;
    this.windowNanos = window.toNanos();
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  /** An agent announced {@code instanceId} from {@code networkKey}. */
  public void agentSeen(String networkKey, String instanceId) {
    seen(Kind.AGENTS, networkKey, instanceId);
  }

  /** A signed-in account acted from {@code networkKey}. */
  public void accountSeen(String networkKey, String accountId) {
    seen(Kind.ACCOUNTS, networkKey, accountId);
  }

  private void seen(Kind kind, String networkKey, String id) {
    int population;
    synchronized (this) {
      long now = nanoTime.getAsLong();
      if (++calls % SWEEP_EVERY == 0) {
        sweep(now);
      }
      KeyState state = keys.computeIfAbsent(networkKey, k -> new KeyState());
      Map<String, Long> ids = state.ids(kind);
      prune(ids, now);
      if (ids.containsKey(id) || ids.size() <= 2 * threshold) {
        ids.remove(id);
        ids.put(id, now);
      }
      population = ids.size();
      if (population <= threshold) {
        return;
      }
      Long last = state.alarmedAt(kind);
      if (last != null && now - last < windowNanos) {
        metrics.recordKeyPopulation(population);
        return;
      }
      state.alarmed(kind, now);
    }
    LOG.warn("network key {} carries {} {} within {}: one home network does not have that many. The relay is "
        + "probably behind a proxy or load balancer that is not configured as trusted, so every user appears "
        + "under its address: set --trusted-proxy to its address block (see the relay README)",
        networkKey, population, kind.words, Duration.ofNanos(windowNanos));
    audit.record(AuditLog.CROWDED_NETWORK_KEY, null, networkKey, population + " " + kind.words + " in the window");
    // Last, so that whoever sees the counter move also finds the log line and the audit row.
    metrics.recordCrowdedKeyAlarm(population);
  }

  private void prune(Map<String, Long> ids, long now) {
    // Insertion order is last-seen order (re-seen ids are moved to the end).
    for (Iterator<Long> it = ids.values().iterator(); it.hasNext(); ) {
      if (now - it.next() < windowNanos) {
        break;
      }
      it.remove();
    }
  }

  private void sweep(long now) {
    for (Iterator<KeyState> it = keys.values().iterator(); it.hasNext(); ) {
      KeyState s = it.next();
      prune(s.agents, now);
      prune(s.accounts, now);
      if (s.agents.isEmpty() && s.accounts.isEmpty()) {
        it.remove();
      }
    }
  }

  private static final class KeyState {
    final Map<String, Long> agents = new LinkedHashMap<>();
    final Map<String, Long> accounts = new LinkedHashMap<>();
    Long agentsAlarmedAt;
    Long accountsAlarmedAt;

    Map<String, Long> ids(Kind kind) {
      return kind == Kind.AGENTS ? agents : accounts;
    }

    Long alarmedAt(Kind kind) {
      return kind == Kind.AGENTS ? agentsAlarmedAt : accountsAlarmedAt;
    }

    void alarmed(Kind kind, long now) {
      if (kind == Kind.AGENTS) {
        agentsAlarmedAt = now;
      } else {
        accountsAlarmedAt = now;
      }
    }
  }
}
