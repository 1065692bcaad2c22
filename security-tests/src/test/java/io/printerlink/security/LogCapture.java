package io.printerlink.security;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/**
 * Puts the root logger at DEBUG and keeps every formatted line from every logger of this JVM
 * (relay, agent, client core), with the stack trace of any logged exception. {@link #close()}
 * restores the level and detaches.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
  private final Logger root;
  private final Level before;

  private LogCapture() {
    root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    before = root.getLevel();
  }

  static LogCapture atDebug() {
    LogCapture c = new LogCapture();
    c.root.setLevel(Level.DEBUG);
    c.setContext(c.root.getLoggerContext());
    c.start();
    c.root.addAppender(c);
    return c;
  }

  @Override
  protected void append(ILoggingEvent event) {
    String line = event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage();
    if (event.getThrowableProxy() != null) {
      line += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
    }
    lines.add(line);
  }

  List<String> lines() {
    return new ArrayList<>(lines);
  }

  @Override
  public void close() {
    root.detachAppender(this);
    root.setLevel(before);
    stop();
  }
}
