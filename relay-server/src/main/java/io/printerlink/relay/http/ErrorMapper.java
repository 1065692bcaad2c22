package io.printerlink.relay.http;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.JsonInputException;
import io.printerlink.protocol.api.ErrorResponse;
import io.printerlink.relay.store.StoreStoppedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a failure becomes the JSON error shape. Expected refusals keep their code;
 * bad input is 400 (413 when too large); anything else is 500 INTERNAL with a generic message,
 * its details only in the server log. Statuses Jetty raises itself keep their meaning, except that
 * a request line with an unknown HTTP version is the client's error (400), never a 5xx.
 */
public final class ErrorMapper {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

  /** A status and the body to send. */
  public record Mapped(int status, ErrorResponse body) {}

  public Mapped map(Throwable failure, String method, String path) {
    if (failure instanceof ApiException) {
      ApiException e = (ApiException) failure;
      return new Mapped(e.status(), new ErrorResponse(e.code(), e.getMessage()));
    }
    if (failure instanceof JsonInputException) {
      JsonInputException e = (JsonInputException) failure;
      int status = ErrorCodes.TOO_LARGE.equals(e.code()) ? 413 : 400;
      return new Mapped(status, new ErrorResponse(e.code(), e.getMessage()));
    }
    if (failure instanceof StoreStoppedException) {
      LOG.info("{} {} answered 503: the relay is shutting down", method, path);
      return new Mapped(503, new ErrorResponse(ErrorCodes.SHUTTING_DOWN, "the relay is shutting down; try again shortly"));
    }
    LOG.error("unexpected failure on {} {}", method, path, failure);
    return forStatus(500);
  }

  /** The body for a bare HTTP status raised by Jetty itself (bad request line, bad URI, ...). */
  public Mapped forStatus(int status) {
    String code;
    String message;
    switch (status) {
      case 401: code = ErrorCodes.UNAUTHORIZED; message = "sign in first"; break;
      case 403: code = ErrorCodes.FORBIDDEN; message = "forbidden"; break;
      case 404: code = ErrorCodes.NOT_FOUND; message = "no such endpoint"; break;
      case 405: code = ErrorCodes.METHOD_NOT_ALLOWED; message = "method not allowed on this path"; break;
      case 409: code = ErrorCodes.CONFLICT; message = "conflict"; break;
      case 413: case 431: code = ErrorCodes.TOO_LARGE; message = "request too large"; break;
      case 415: code = ErrorCodes.UNSUPPORTED_MEDIA_TYPE; message = "unsupported media type"; break;
      case 429: code = ErrorCodes.RATE_LIMITED; message = "too many requests"; break;
      // Jetty's parser answers an unknown HTTP version (HTTP/9.9, HTTP/0.9, "HTTP/1.") with 505; that
      // is the client's malformed request line, not a relay fault, so it is a 400 like any other (T14).
      case 505: return new Mapped(400, new ErrorResponse(ErrorCodes.INVALID_FIELD, "unsupported HTTP version"));
      default:
        if (status >= 500) {
          return new Mapped(500, new ErrorResponse(ErrorCodes.INTERNAL, "the relay hit an internal error"));
        }
        code = ErrorCodes.INVALID_FIELD;
        message = "bad request";
    }
    return new Mapped(status, new ErrorResponse(code, message));
  }
}
