package io.printerlink.agent;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.function.Predicate;
import org.slf4j.Logger;

/**
 * The agent's logging set-up, in code rather than a {@code logback.xml}: console, INFO, Jetty at
 * WARN; the {@code printerlink.audit} logger carries the audit trail and no secret is ever logged.
 * Parsing an XML configuration loaded about 600 classes (Joran and the JDK's XML parser), a
 * measurable part of the agent's start-up time and metaspace on a small board (see
 * docs/benchmarks.md, "Agent footprint"). Found by logback's {@code ServiceLoader}; it steps aside,
 * so that logback's usual search applies, when {@code -Dlogback.configurationFile} is given or a
 * {@code logback.xml}/{@code logback-test.xml} is on the class path (a host that embeds the agent,
 * such as the desktop app, or a test).
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class AgentLogging extends ContextAwareBase implements Configurator {
  static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{24} - %msg%n";

  private final Predicate<String> onClassPath;

  /** For logback's {@code ServiceLoader}. */
  public AgentLogging() {
    this(name -> AgentLogging.class.getClassLoader().getResource(name) != null);
  }

  AgentLogging(Predicate<String> onClassPath) {
    this.onClassPath = onClassPath;
  }

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null
        || onClassPath.test("logback-test.xml")
        || onClassPath.test("logback.xml")) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("CONSOLE");
    console.setEncoder(encoder);
    console.start();
    context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(console);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
