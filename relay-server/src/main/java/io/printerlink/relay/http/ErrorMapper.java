package io.printerlink.relay.http;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.JsonInputException;
import io.printerlink.protocol.api.ErrorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a failure becomes the JSON error shape. Expected refusals keep their code;
 * bad input is 400 (413 when too large); anything else is 500 INTERNAL with a generic message,
 * its details only in the server log.
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
    LOG.error("unexpected failure on {} {}", method, path, failure);
    return new Mapped(500, new ErrorResponse(ErrorCodes.INTERNAL, "the relay hit an internal error"));
  }
}
