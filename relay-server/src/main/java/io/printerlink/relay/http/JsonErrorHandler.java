package io.printerlink.relay.http;

import io.printerlink.protocol.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty raises before a request reaches the API (malformed request line, bad URI,
 * oversized headers, failed upgrades) get the same JSON shape from the same {@link ErrorMapper},
 * never an HTML page or a stack trace.
 */
public final class JsonErrorHandler extends ErrorHandler {
  private final ErrorMapper errors;

  public JsonErrorHandler(ErrorMapper errors) {
    this.errors = errors;
    setShowStacks(false);
  }

  /** Every method gets the JSON body (Jetty's default writes one only for GET, POST and HEAD). */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) {
    ErrorMapper.Mapped m = errors.forStatus(code);
    response.setStatus(m.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(Json.write(m.body()).getBytes(StandardCharsets.UTF_8)), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8"));
    return ByteBuffer.wrap(Json.write(errors.forStatus(status).body()).getBytes(StandardCharsets.UTF_8));
  }
}
