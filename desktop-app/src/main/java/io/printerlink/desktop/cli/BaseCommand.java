package io.printerlink.desktop.cli;

import io.printerlink.desktop.core.LinkException;
import io.printerlink.desktop.core.Problems;
import io.printerlink.desktop.core.RelayException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;

/** Shared run/exit-code logic: every failure is one plain line on stderr, never a stack trace. */
abstract class BaseCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(BaseCommand.class);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  @Mixin ConnectionOptions connection;

  final CliContext ctx;

  BaseCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public final Integer call() {
    try (CliSession session = CliSession.open(connection, ctx)) {
      return run(session);
    } catch (UsageException e) {
      ctx.err().println("Error: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (RelayException e) {
      ctx.err().println("Error: " + Problems.describe(e));
      return ExitCodes.FAILED;
    } catch (LinkException e) {
      ctx.err().println("Error: " + e.getMessage());
      return ExitCodes.FAILED;
    } catch (Exception e) {
      LOG.debug("command failed", e);
      ctx.err().println("Error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      return ExitCodes.FAILED;
    } finally {
      ctx.out().flush();
      ctx.err().flush();
    }
  }

  abstract int run(CliSession session) throws Exception;

  String time(Instant at) {
    return LocalTime.ofInstant(at, ctx.clock().getZone()).format(TIME);
  }

  void say(String line) {
    ctx.out().println(time(ctx.clock().instant()) + "  " + line);
    ctx.out().flush();
  }
}
