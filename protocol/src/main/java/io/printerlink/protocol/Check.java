package io.printerlink.protocol;

import java.util.UUID;
import java.util.regex.Pattern;

/** Argument checks for wire records' compact constructors. Messages name the field, never the value. */
public final class Check {
  private static final Pattern UUID_V4 =
      Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  private static final Pattern BASE64URL = Pattern.compile("^[A-Za-z0-9_-]+$");
  private static final Pattern ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");

  private Check() {}

  public static <T> T notNull(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException("field '" + field + "' is required");
    }
    return value;
  }

  public static String notBlank(String value, String field) {
    if (notNull(value, field).isBlank()) {
      throw new IllegalArgumentException("field '" + field + "' must not be blank");
    }
    return value;
  }

  /** A lower-case canonical UUID v4, as agents make instance ids. */
  public static String uuid(String value, String field) {
    if (value == null || !UUID_V4.matcher(value).matches()) {
      throw new IllegalArgumentException("field '" + field + "' must be a lower-case UUID v4");
    }
    return value;
  }

  /** An opaque id made by the relay (letters, digits, '-' and '_', up to 64). */
  public static String id(String value, String field) {
    if (value == null || !ID.matcher(value).matches()) {
      throw new IllegalArgumentException("field '" + field + "' must be an id of letters, digits, '-' or '_'");
    }
    return value;
  }

  public static int port(int value, String field) {
    if (value < 1 || value > 65535) {
      throw new IllegalArgumentException("field '" + field + "' must be a port from 1 to 65535");
    }
    return value;
  }

  public static long range(long value, long min, long max, String field) {
    if (value < min || value > max) {
      throw new IllegalArgumentException("field '" + field + "' must be from " + min + " to " + max);
    }
    return value;
  }

  /** A base64url nonce of at least {@code minBytes} bytes. */
  public static String nonce(String value, int minBytes, String field) {
    int minChars = (minBytes * 4 + 2) / 3;
    if (value == null || value.length() < minChars || value.length() > 128 || !BASE64URL.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "field '" + field + "' must be base64url of at least " + minBytes + " bytes");
    }
    return value;
  }

  /** Parses as UUID to be sure; used where a UUID of any version is fine. */
  public static UUID anyUuid(String value, String field) {
    try {
      return UUID.fromString(notNull(value, field));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field '" + field + "' must be a UUID");
    }
  }
}
