package io.printerlink.relay.http;

/** {@code GET /healthz}: {@code {"status":"ok"}}. */
public record HealthResponse(String status) {
  public static final HealthResponse OK = new HealthResponse("ok");
}
