package io.printerlink.desktop.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C or {@code kill} while a CLI command runs. The JVM's shutdown stops the embedded relay
 * and closes connections under the command, which then fails with a misleading reason ("lost the
 * live connection to the relay"). The gate silences the command's own output once the process is
 * stopping, and the hook says instead, once, that the command was interrupted and what may still
 * have happened. A command that finishes normally (and then exits) prints nothing extra.
 */
public final class StopNotice {
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicBoolean finished = new AtomicBoolean();
  private final PrintWriter notices;

  /** @param notices where the notice goes (the real stderr), not gated */
  public StopNotice(PrintWriter notices) {
    this.notices = notices;
  }

  /** A writer onto {@code stream} that drops everything written after the process began to stop. */
  public PrintWriter gate(OutputStream stream, Charset charset) {
    Writer target = new OutputStreamWriter(stream, charset);
    return new PrintWriter(new Writer() {
      @Override
      public void write(char[] buf, int off, int len) throws IOException {
        if (!stopping.get()) {
          target.write(buf, off, len);
        }
      }

      @Override
      public void flush() throws IOException {
        if (!stopping.get()) {
          target.flush();
        }
      }

      @Override
      public void close() throws IOException {
        target.flush();
      }
    }, true);
  }

  /** The command returned: the exit that follows is not an interruption. */
  public void finished() {
    finished.set(true);
  }

  /** A shutdown hook for {@code command} (e.g. "link"), run as {@code launcher} (e.g. "java -jar printerlink-desktop.jar"). */
  public Thread hook(String command, String launcher) {
    Thread t = new Thread(() -> stopped(command, launcher), "cli-stop-notice");
    t.setDaemon(false);
    return t;
  }

  /** What the hook does; returns whether a notice was printed. */
  boolean stopped(String command, String launcher) {
    if (finished.get() || !stopping.compareAndSet(false, true)) {
      return false;
    }
    notices.println();
    notices.println(message(command, launcher));
    notices.flush();
    return true;
  }

  static String message(String command, String launcher) {
    String text = "Interrupted: " + command + " stopped before it finished.";
    if (command.equals("link")) {
      text += " If the printer had already taken the link request or the code, it may still be linked on the relay;"
          + " '" + launcher + " printers --relay URL' lists your printers (with the embedded relay nothing is kept).";
    }
    return text;
  }
}
