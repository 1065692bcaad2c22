package io.printerlink.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The agent's logging set-up in code: what it configures, and when it steps aside. */
class AgentLoggingTest {
  @Test
  void configuresConsoleAtInfoWithJettyAtWarnAndStopsTheSearch() {
    LoggerContext context = new LoggerContext();
    AgentLogging logging = new AgentLogging(name -> false);
    logging.setContext(context);
    assertEquals(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, logging.configure(context));
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertEquals(Level.INFO, root.getLevel());
    assertEquals(Level.WARN, context.getLogger("org.eclipse.jetty").getLevel());
    ConsoleAppender<?> console = (ConsoleAppender<?>) root.getAppender("CONSOLE");
    assertNotNull(console);
    assertEquals(AgentLogging.PATTERN,
        ((ch.qos.logback.classic.PatternLayout) ((LayoutWrappingEncoder<?>) console.getEncoder()).getLayout()).getPattern());
  }

  @Test
  void aLogbackXmlOfTheHostThatEmbedsTheAgentWins() {
    LoggerContext context = new LoggerContext();
    AgentLogging logging = new AgentLogging("logback.xml"::equals);
    logging.setContext(context);
    assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, logging.configure(context));
  }

  @Test
  void anExplicitConfigurationFileWins() {
    String before = System.getProperty("logback.configurationFile");
    System.setProperty("logback.configurationFile", "/etc/printerlink/agent-logback.xml");
    try {
      LoggerContext context = new LoggerContext();
      AgentLogging logging = new AgentLogging(name -> false);
      logging.setContext(context);
      assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, logging.configure(context));
      assertNull(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE"));
    } finally {
      if (before == null) {
        System.clearProperty("logback.configurationFile");
      } else {
        System.setProperty("logback.configurationFile", before);
      }
    }
  }
}
