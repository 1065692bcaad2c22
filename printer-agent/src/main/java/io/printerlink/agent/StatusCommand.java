package io.printerlink.agent;

import io.printerlink.agent.state.TokenStore;
import io.printerlink.agent.status.StatusFile;
import io.printerlink.agent.status.StatusReport;
import io.printerlink.protocol.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code printer-agent status [--state-dir DIR] [--json]}: what the agent running with that state
 * folder last reported in its {@code status.json}. Exit 0 when the agent is running, 3 when the
 * file says it stopped or its process is gone, 1 when there is no readable status.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Shows the running agent's state: link, discovery window, last announce, LAN addresses.")
public final class StatusCommand implements Callable<Integer> {
  /** Exit code when the agent is not running. */
  public static final int NOT_RUNNING = 3;

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Option(names = "--state-dir", paramLabel = "DIR", description = "The agent's state folder (default: ${DEFAULT-VALUE}).")
  private Path stateDir = AgentConfig.DEFAULT_STATE_DIR;

  @Option(names = "--json", description = "Machine-readable output.")
  private boolean json;

  private final Clock clock;

  public StatusCommand() {
    this(Clock.systemUTC());
  }

  StatusCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    StatusReport r;
    try {
      r = StatusFile.read(stateDir);
    } catch (IOException e) {
      Optional<Linked> linkedOnly = linkedButNeverRun();
      if (linkedOnly.isPresent()) {
        // link --code stored a token, the agent has not run since: linked, not running.
        if (json) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("running", false);
          m.put("state", "linked, agent not started yet");
          m.put("linked", true);
          m.put("printerId", linkedOnly.get().printerId());
          m.put("accountName", linkedOnly.get().accountName());
          out.println(Json.write(m));
        } else {
          out.println("state:          linked, agent not started yet (start it to bring the printer online)");
          Linked info = linkedOnly.get();
          out.println("linked:         yes" + (info.printerId() == null ? "" : ", printer " + info.printerId())
              + (info.accountName() == null ? "" : ", account " + info.accountName()));
        }
        out.flush();
        return NOT_RUNNING;
      }
      if (!json) {
        throw e;
      }
      // --json callers parse stdout: they get an object there too, and the same exit code.
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("running", false);
      m.put("state", "no readable status");
      m.put("error", e.getMessage());
      out.println(Json.write(m));
      out.flush();
      spec.commandLine().getErr().println("printer-agent: " + e.getMessage());
      return 1;
    }
    boolean running = r.running() && isRunning(r);
    long left = running ? StatusFile.secondsLeftNow(r, clock.instant()) : 0;
    String state = running ? r.state() : "agent not running (last state: " + r.state() + ")";
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("running", running);
      m.put("state", state);
      m.put("linked", r.linked());
      m.put("printerId", r.printerId());
      m.put("accountName", r.accountName());
      m.put("windowOpen", running && r.windowOpen() && left > 0);
      m.put("windowSecondsLeft", left);
      m.put("lastAnnounceAccepted", running && r.lastAnnounceAccepted());
      m.put("seenFrom", r.seenFrom());
      m.put("lanAddress", r.lanAddress());
      m.put("lanPort", r.lanPort());
      m.put("candidates", r.candidates());
      m.put("lastError", r.lastError());
      m.put("relay", r.relay());
      m.put("pid", r.pid());
      m.put("updatedAt", r.updatedAt());
      out.println(Json.write(m));
    } else {
      out.println("state:          " + state);
      out.println("linked:         " + (r.linked()
          ? "yes" + (r.printerId() == null ? "" : ", printer " + r.printerId())
              + (r.accountName() == null ? "" : ", account " + r.accountName())
          : "no"));
      out.println("window:         " + (running && r.windowOpen() && left > 0
          ? "open, " + (left / 60) + " min " + (left % 60) + " s left" : "closed"));
      String announce = !running ? "unknown (agent not running)"
          : r.linked() ? "none needed (linked: the printer connection replaces announcing)"
          : r.lastAnnounceAccepted() ? "accepted" : "not accepted";
      out.println("last announce:  " + announce
          + (r.seenFrom() == null ? "" : "; the relay " + (running ? "saw" : "last saw") + " this agent at " + r.seenFrom()));
      out.println("LAN address:    " + (r.lanAddress() == null
          ? "none" : io.printerlink.protocol.NetworkAddresses.urlHost(r.lanAddress()) + ":" + r.lanPort()));
      out.println("candidates:     " + (r.candidates().isEmpty() ? "none" : String.join(", ", r.candidates())));
      if (r.lastError() != null) {
        out.println("last problem:   " + r.lastError());
      }
      out.println("relay:          " + r.relay());
      out.println("updated:        " + r.updatedAt() + " (pid " + r.pid() + ")");
    }
    out.flush();
    return running ? 0 : NOT_RUNNING;
  }

  /** A link seen only in the state folder's files. */
  private record Linked(String printerId, String accountName) {}

  /**
   * What the folder is linked as (fields null when link.json is missing) when it holds a token but
   * the agent never wrote a status.
   */
  private Optional<Linked> linkedButNeverRun() {
    try {
      if (java.nio.file.Files.exists(stateDir.resolve(StatusFile.NAME))) {
        return Optional.empty();
      }
      TokenStore tokens = new TokenStore(stateDir);
      Optional<io.printerlink.agent.state.StoredLink> link = tokens.load();
      if (link.isEmpty()) {
        return Optional.empty();
      }
      link.get().token().destroy();
      return Optional.of(link.get().info().map(i -> new Linked(i.printerId(), i.accountName())).orElse(new Linked(null, null)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * A running agent holds the state folder's lock; the pid alone can lie (after a power cut the
   * file still says "running", and after the reboot that pid may belong to another process). The
   * pid is the fallback only when the lock cannot be probed (no permission on the lock file).
   */
  private boolean isRunning(StatusReport r) {
    return io.printerlink.agent.state.StateLock.isHeld(stateDir)
        .orElseGet(() -> ProcessHandle.of(r.pid()).map(ProcessHandle::isAlive).orElse(false));
  }
}
