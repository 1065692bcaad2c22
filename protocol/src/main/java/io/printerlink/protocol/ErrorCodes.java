package io.printerlink.protocol;

/** Error codes of the JSON error shape {@code {"error": CODE, "message": text}}. */
public final class ErrorCodes {
  public static final String BAD_JSON = "BAD_JSON";
  public static final String UNKNOWN_FIELD = "UNKNOWN_FIELD";
  public static final String INVALID_FIELD = "INVALID_FIELD";
  public static final String TOO_LARGE = "TOO_LARGE";
  public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
  public static final String NOT_FOUND = "NOT_FOUND";
  public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
  public static final String UNAUTHORIZED = "UNAUTHORIZED";
  public static final String FORBIDDEN = "FORBIDDEN";
  public static final String CONFLICT = "CONFLICT";
  /** 503: the relay is stopping and takes no new link requests. */
  public static final String SHUTTING_DOWN = "SHUTTING_DOWN";
  public static final String USERNAME_TAKEN = "USERNAME_TAKEN";
  public static final String BAD_CREDENTIALS = "BAD_CREDENTIALS";
  public static final String NOT_IN_DISCOVERY = "NOT_IN_DISCOVERY";
  public static final String NETWORK_MISMATCH = "NETWORK_MISMATCH";
  public static final String MULTIPLE_IN_DISCOVERY = "MULTIPLE_IN_DISCOVERY";
  public static final String LINK_IN_PROGRESS = "LINK_IN_PROGRESS";
  public static final String ALREADY_LINKED = "ALREADY_LINKED";
  public static final String RATE_LIMITED = "RATE_LIMITED";
  public static final String INSTANCE_ID_TAKEN = "INSTANCE_ID_TAKEN";
  public static final String PROTOCOL_UNSUPPORTED = "PROTOCOL_UNSUPPORTED";
  public static final String CODE_NOT_FOUND = "CODE_NOT_FOUND";
  public static final String CODE_EXPIRED = "CODE_EXPIRED";
  public static final String CODE_ALREADY_USED = "CODE_ALREADY_USED";
  public static final String INTERNAL = "INTERNAL";

  private ErrorCodes() {}
}
