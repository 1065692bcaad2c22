package io.printerlink.relay.metrics;

import io.printerlink.protocol.api.LinkState;
import io.printerlink.relay.limits.DefenceMetrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * The relay's Prometheus metrics: one registry per relay (never the client library's global
 * default registry), made by the composition root and handed to the services that count. Label
 * values are fixed words (states, error codes, status classes), never ids or addresses, so the
 * number of series stays bounded.
 */
public final class RelayMetrics {
  /** Content type of {@link #scrape()}. */
  public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;
  /** The end states a link request can reach ({@code LinkState.isFinal()}). */
  static final List<String> LINK_OUTCOMES =
      Arrays.stream(LinkState.values()).filter(LinkState::isFinal).map(Enum::name).toList();
  /** The outcomes {@link MetricsHandler#redemptionOutcome} reports. */
  static final List<String> CODE_OUTCOMES =
      List.of("REDEEMED", "CODE_NOT_FOUND", "CODE_EXPIRED", "CODE_ALREADY_USED", "RATE_LIMITED", "BAD_REQUEST", "ERROR");

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter linkRequests;
  private final Counter codeRedemptions;
  private final Histogram requestSeconds;
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  /**
   * @param defences the abuse defences' counters (rate limits, crowded-key alarms, refused
   *     upgrades, policy closes, bad forwarded headers), published here as Prometheus counters
   */
  public RelayMetrics(DefenceMetrics defences) {
    Objects.requireNonNull(defences, "defences");
    linkRequests = Counter.builder()
        .name("printerlink_link_requests_total")
        .help("Link requests that reached an end state, by outcome (LINKED, REJECTED, EXPIRED, FAILED)")
        .labelNames("outcome")
        .register(registry);
    // Every known outcome is exported from the start at 0: a series that first appears at 1 hides
    // that first event from rate()/increase(), so an alert on FAILED would miss it.
    for (String outcome : LINK_OUTCOMES) {
      linkRequests.initLabelValues(outcome);
    }
    codeRedemptions = Counter.builder()
        .name("printerlink_code_redemptions_total")
        .help("6-digit code redemptions by agents, by outcome (REDEEMED or the error code)")
        .labelNames("outcome")
        .register(registry);
    for (String outcome : CODE_OUTCOMES) {
      codeRedemptions.initLabelValues(outcome);
    }
    CounterWithCallback.builder()
        .name("printerlink_rate_limit_rejections_total")
        .help("Requests and messages refused by a rate limit (HTTP 429 or WebSocket RATE_LIMITED)")
        .callback(cb -> cb.call(defences.rateLimited()))
        .register(registry);
    CounterWithCallback.builder()
        .name("printerlink_anomaly_alarms_total")
        .help("Anomaly alarms: a network key carrying implausibly many agents or accounts (T3)")
        .callback(cb -> cb.call(defences.crowdedKeyAlarms()))
        .register(registry);
    CounterWithCallback.builder()
        .name("printerlink_websocket_upgrades_refused_total")
        .help("WebSocket upgrades refused by the per-network-key connection cap")
        .callback(cb -> cb.call(defences.upgradesRefused()))
        .register(registry);
    CounterWithCallback.builder()
        .name("printerlink_websockets_closed_for_policy_total")
        .help("WebSockets closed for a policy violation (message rate, binary frames, ignoring Retry-After)")
        .callback(cb -> cb.call(defences.socketsClosedForPolicy()))
        .register(registry);
    CounterWithCallback.builder()
        .name("printerlink_forwarded_headers_rejected_total")
        .help("Requests refused because a trusted proxy's Forwarded / X-Forwarded-For chain was malformed")
        .callback(cb -> cb.call(defences.forwardedHeadersRejected()))
        .register(registry);
    requestSeconds = Histogram.builder()
        .name("printerlink_http_request_duration_seconds")
        .help("HTTP request latency (WebSocket upgrades included), by method and status class")
        .labelNames("method", "status")
        .classicOnly()
        .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
        .register(registry);
  }

  /** Registers the live gauges; called once by the composition root when the services exist. */
  public void gauges(IntSupplier discoveringAgents, IntSupplier onlinePrinters) {
    Objects.requireNonNull(discoveringAgents, "discoveringAgents");
    Objects.requireNonNull(onlinePrinters, "onlinePrinters");
    GaugeWithCallback.builder()
        .name("printerlink_discovering_agents")
        .help("Unlinked agents currently listed in discovery")
        .callback(cb -> cb.call(discoveringAgents.getAsInt()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("printerlink_online_printers")
        .help("Linked printers currently connected")
        .callback(cb -> cb.call(onlinePrinters.getAsInt()))
        .register(registry);
  }

  /** A link request ended in {@code outcome} (a {@code LinkState} name). */
  public void linkOutcome(String outcome) {
    linkRequests.labelValues(word(outcome)).inc();
  }

  /** A code redemption ended in {@code outcome} ({@code REDEEMED} or an error code). */
  public void codeRedemption(String outcome) {
    codeRedemptions.labelValues(word(outcome)).inc();
  }

  /** One HTTP request took {@code nanos} and ended with {@code status}. */
  public void request(String method, int status, long nanos) {
    String m = switch (method) {
      case "GET", "POST", "DELETE", "PUT", "HEAD", "OPTIONS", "PATCH" -> method;
      default -> "OTHER";
    };
    String s = status >= 100 && status < 600 ? (status / 100) + "xx" : "other";
    requestSeconds.labelValues(m, s).observe(Math.max(0, nanos) / 1e9);
  }

  /** The whole registry in Prometheus text format (version 0.0.4). */
  public String scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException("metrics could not be written", e);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Label values are short upper-case words; anything else is folded so no caller can explode the series. */
  private static String word(String value) {
    if (value == null || value.isEmpty() || value.length() > 40 || !value.matches("[A-Za-z0-9_]+")) {
      return "OTHER";
    }
    return value.toUpperCase(Locale.ROOT);
  }
}
