package io.printerlink.relay.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.Locale;

/**
 * The relay's log output chosen on the command line: level of the root logger, and {@code text}
 * (one line per event) or {@code json} (one JSON object per line, logback's {@code JsonEncoder},
 * for log shippers). Replaces the root logger's appenders with one console appender.
 */
public final class LogSetup {
  public static final String TEXT = "text";
  public static final String JSON = "json";

  private LogSetup() {}

  /**
   * @throws IllegalArgumentException for an unknown level or format
   */
  public static void apply(LoggerContext context, String level, String format) {
    Level lvl = parseLevel(level);
    String fmt = format.toLowerCase(Locale.ROOT);
    if (!fmt.equals(TEXT) && !fmt.equals(JSON)) {
      throw new IllegalArgumentException("log format must be 'text' or 'json', not '" + format + "'");
    }
    Encoder<ILoggingEvent> encoder;
    if (fmt.equals(JSON)) {
      JsonEncoder json = new JsonEncoder();
      json.setContext(context);
      // The readable line a log shipper shows ("relay listening on https://..."), not only the
      // "{}" template and its arguments; without the context block and the always-0 sequence number.
      json.setWithFormattedMessage(true);
      json.setWithContext(false);
      json.setWithSequenceNumber(false);
      json.setWithNanoseconds(false);
      json.start();
      encoder = json;
    } else {
      PatternLayoutEncoder text = new PatternLayoutEncoder();
      text.setContext(context);
      text.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n");
      text.start();
      encoder = text;
    }
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("CONSOLE");
    console.setEncoder(encoder);
    console.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    root.addAppender(console);
    root.setLevel(lvl);
  }

  static Level parseLevel(String level) {
    Level lvl = Level.toLevel(level == null ? "" : level.toUpperCase(Locale.ROOT), null);
    if (lvl == null || lvl == Level.ALL || lvl == Level.OFF) {
      throw new IllegalArgumentException("log level must be one of TRACE, DEBUG, INFO, WARN, ERROR, not '" + level + "'");
    }
    return lvl;
  }
}
