package io.printerlink.relay.metrics;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The outermost handler: serves {@code GET /metrics} in Prometheus text format and times every
 * other request (until its response completes) into the latency histogram. Any other method on
 * {@code /metrics} falls through to the API, which answers 405 in the one JSON error shape.
 */
public final class MetricsHandler extends Handler.Wrapper {
  public static final String PATH = "/metrics";
  /** Code redemption (WIRE.md): its outcome is read off the contract's status codes, so CodeService stays unaware of metrics. */
  static final String REDEEM_PATH = "/api/v1/agent/link-code";

  private final RelayMetrics metrics;
  private final LongSupplier nanoTime;

  public MetricsHandler(RelayMetrics metrics, LongSupplier nanoTime, Handler next) {
    super(next);
    this.metrics = metrics;
    this.nanoTime = nanoTime;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (PATH.equals(Request.getPathInContext(request)) && "GET".equals(request.getMethod())) {
      response.setStatus(200);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, RelayMetrics.CONTENT_TYPE);
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
      response.write(true, ByteBuffer.wrap(metrics.scrape().getBytes(StandardCharsets.UTF_8)), callback);
      return true;
    }
    long start = nanoTime.getAsLong();
    String method = request.getMethod();
    boolean redemption = "POST".equals(method) && REDEEM_PATH.equals(Request.getPathInContext(request));
    Callback timed = new Callback.Nested(callback) {
      @Override
      public void succeeded() {
        metrics.request(method, response.getStatus(), nanoTime.getAsLong() - start);
        if (redemption) {
          metrics.codeRedemption(redemptionOutcome(response.getStatus()));
        }
        super.succeeded();
      }

      @Override
      public void failed(Throwable x) {
        metrics.request(method, 500, nanoTime.getAsLong() - start);
        super.failed(x);
      }
    };
    return super.handle(request, response, timed);
  }

  /** WIRE.md's answers to {@code POST /api/v1/agent/link-code}, as outcome words. */
  static String redemptionOutcome(int status) {
    return switch (status) {
      case 201 -> "REDEEMED";
      case 404 -> "CODE_NOT_FOUND";
      case 410 -> "CODE_EXPIRED";
      case 409 -> "CODE_ALREADY_USED";
      case 429 -> "RATE_LIMITED";
      case 400 -> "BAD_REQUEST";
      default -> "ERROR";
    };
  }
}
