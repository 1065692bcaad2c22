package io.printerlink.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printerlink.agent.state.StateLock;
import io.printerlink.agent.status.StatusFile;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several agents on one host (C-10) each need their own state folder: a second agent on a folder
 * in use is refused, and so is {@code link --code} under a running agent. {@code status} tells a
 * running agent by the folder's lock, not by a pid that may have been reused. The first agent is
 * the real command line in its own JVM, so the lock is tested across processes. The relay URL
 * points at a closed loopback port: the agent keeps retrying, which is all these tests need.
 */
class StateFolderLockTest {
  private static final String NO_RELAY = "http://127.0.0.1:1";
  private static final long WAIT_SECONDS = 30;

  @TempDir Path state;
  private final List<Process> processes = new ArrayList<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @AfterEach
  void stop() throws Exception {
    for (Process p : processes) {
      p.destroyForcibly();
      p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
    }
  }

  /**
   * The agent's command line in a child JVM; returns once it has tried the (absent) relay, which
   * it does after opening its window and writing status.json.
   */
  private Process agentProcess(String... args) throws Exception {
    Process p = start(args);
    LinkedBlockingQueue<String> lines = pump(p, new CopyOnWriteArrayList<>());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (true) {
      String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError("agent process never tried the relay; alive=" + p.isAlive());
      }
      if (line.contains("relay unreachable")) {
        return p;
      }
    }
  }

  private Process start(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), AgentMain.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  private static LinkedBlockingQueue<String> pump(Process p, List<String> all) {
    LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          all.add(line);
          lines.add(line);
        }
      } catch (Exception e) {
        lines.add("output ended: " + e);
      }
    }, "agent-output");
    t.setDaemon(true);
    t.start();
    return lines;
  }

  private Process runningAgent() throws Exception {
    return agentProcess("--relay", NO_RELAY, "--port", "0", "--bind", "127.0.0.1", "--state-dir", state.toString());
  }

  private int cli(String... args) {
    return AgentMain.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void secondAgentOnAFolderInUseExitsWithAPlainMessage_C10() throws Exception {
    Process first = runningAgent();

    List<String> output = new CopyOnWriteArrayList<>();
    Process second = start("--relay", NO_RELAY, "--port", "0", "--bind", "127.0.0.1", "--state-dir", state.toString());
    pump(second, output);

    assertThat(second.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("the second agent stops by itself").isTrue();
    assertThat(second.exitValue()).isEqualTo(1);
    assertThat(String.join("\n", output))
        .contains("(pid " + first.pid() + ") is using the state folder " + state.toRealPath())
        .contains("its own --state-dir")
        .doesNotContain("\tat ");
    assertThat(first.isAlive()).isTrue();
    assertThat(cli("status", "--state-dir", state.toString())).as(out.toString()).isZero();
    assertThat(StatusFile.read(state).pid()).as("the first agent's status is untouched").isEqualTo(first.pid());
  }

  @Test
  void agentInThisJvmOnAFolderInUseIsRefused_C10() throws Exception {
    AgentConfig config = AgentConfig.builder().relayUri(URI.create(NO_RELAY)).port(0).bindHost("127.0.0.1")
        .stateDir(state).build();
    try (PrinterAgent first = PrinterAgent.start(config)) {
      assertThatThrownBy(() -> PrinterAgent.start(config).close())
          .hasMessageContaining("is using the state folder").hasMessageContaining("its own --state-dir");
      assertThat(first.status().windowOpen()).as("the first agent goes on").isTrue();
    }
    try (PrinterAgent again = PrinterAgent.start(config)) {
      assertThat(again.status().windowOpen()).as("a stopped agent's folder can be used again").isTrue();
    }
  }

  @Test
  void linkWithACodeUnderARunningAgentIsRefusedBeforeAnythingIsSent() throws Exception {
    runningAgent();

    int exit = cli("link", "--code", "123456", "--relay", NO_RELAY, "--state-dir", state.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("is using the state folder").contains("Stop it first")
        .doesNotContain("cannot reach the relay").doesNotContain("\tat ");
    assertThat(Files.exists(state.resolve("printer-token"))).isFalse();
  }

  @Test
  void statusOfAKilledAgentWhosePidWasReusedSaysNotRunning() throws Exception {
    Process agent = runningAgent();
    assertThat(cli("status", "--state-dir", state.toString())).isZero();

    agent.destroyForcibly();
    assertThat(agent.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    // After a power cut status.json still says "running"; after the reboot its pid may be another
    // process's: this very test JVM's pid stands in for that one.
    Path file = state.resolve(StatusFile.NAME);
    String json = Files.readString(file);
    assertThat(json).contains("\"running\":true");
    Files.writeString(file, json.replace("\"pid\":" + agent.pid(), "\"pid\":" + ProcessHandle.current().pid()));

    StringWriter text = new StringWriter();
    int exit = AgentMain.execute(new String[] {"status", "--state-dir", state.toString()}, new PrintWriter(text, true),
        new PrintWriter(err, true));

    assertThat(exit).isEqualTo(StatusCommand.NOT_RUNNING);
    assertThat(text.toString()).contains("agent not running");
    assertThat(StateLock.isHeld(state)).contains(false);
  }

  @Test
  void portInUseIsAPlainMessage_C10() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      AgentConfig config = AgentConfig.builder().relayUri(URI.create(NO_RELAY)).port(taken.getLocalPort())
          .bindHost("127.0.0.1").stateDir(state).build();

      assertThatThrownBy(() -> PrinterAgent.start(config).close())
          .hasMessage("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": the address or port is in use or not "
              + "this host's (another agent? give each agent its own --port and --state-dir)");
    }
    assertThat(StateLock.isHeld(state)).as("a failed start lets go of the folder").contains(false);
  }
}
