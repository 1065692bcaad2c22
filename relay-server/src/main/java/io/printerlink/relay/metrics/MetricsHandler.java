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
    Callback timed = new Callback.Nested(callback) {
      @Override
      public void succeeded() {
        metrics.request(method, response.getStatus(), nanoTime.getAsLong() - start);
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
}
