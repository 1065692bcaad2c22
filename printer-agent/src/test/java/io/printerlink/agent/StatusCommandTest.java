package io.printerlink.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.agent.status.StatusFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code printer-agent status}: what it prints from status.json, and its refusals. */
class StatusCommandTest {
  @TempDir Path state;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return AgentMain.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private static AgentStatus discoverable() {
    return new AgentStatus(false, null, null, true, 600, "0f8fad5b-d9cb-469f-a165-70867728950e", true, "203.0.113.7",
        null, "192.168.5.10", 8787, List.of("192.168.4.1:8787"), "discoverable");
  }

  private void write(AgentStatus s, boolean running, long pid, Instant at) throws Exception {
    new StatusFile(state, Clock.fixed(at, ZoneOffset.UTC), pid, "https://relay.example.org").write(s, running);
  }

  @Test
  void printsStateWindowAnnounceAndAddresses_C06() throws Exception {
    write(discoverable(), true, ProcessHandle.current().pid(), Instant.now());

    int code = run("status", "--state-dir", state.toString());

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("state:          discoverable")
        .contains("linked:         no")
        .containsPattern("window: +open, (9 min [0-9]+|10 min 0) s left")
        .contains("last announce:  accepted; the relay saw this agent at 203.0.113.7")
        .contains("LAN address:    192.168.5.10:8787")
        .contains("candidates:     192.168.4.1:8787");
  }

  @Test
  void statusFileHoldsNoInstanceIdOrSecret() throws Exception {
    write(discoverable(), true, ProcessHandle.current().pid(), Instant.now());

    assertThat(Files.readString(state.resolve(StatusFile.NAME))).doesNotContain("0f8fad5b");
  }

  @Test
  void countdownIsAgedByTheTimeSinceTheWrite() throws Exception {
    write(discoverable(), true, ProcessHandle.current().pid(), Instant.now().minusSeconds(100));

    run("status", "--state-dir", state.toString(), "--json");

    assertThat(out.toString()).containsPattern("\"windowSecondsLeft\":(500|499)");
  }

  @Test
  void stoppedAgentExitsThreeAndSaysSo() throws Exception {
    write(discoverable(), false, ProcessHandle.current().pid(), Instant.now());

    int code = run("status", "--state-dir", state.toString());

    assertThat(code).isEqualTo(StatusCommand.NOT_RUNNING);
    assertThat(out.toString()).contains("state:          agent not running (last state: agent stopped)")
        .contains("window:         closed")
        .contains("last announce:  unknown (agent not running); the relay last saw this agent at 203.0.113.7");
  }

  @Test
  void aLinkedOnlineAgentDoesNotClaimItsAnnounceWasRefused() throws Exception {
    write(new AgentStatus(true, "prn_1", "Ada", false, 0, null, false, null, null, "192.168.5.10", 8787, List.of(),
        "linked, online"), true, ProcessHandle.current().pid(), Instant.now());

    assertThat(run("status", "--state-dir", state.toString())).isZero();
    assertThat(out.toString()).contains("last announce:  none needed (linked").doesNotContain("not accepted");
  }

  @Test
  void aFolderLinkedWithACodeBeforeTheAgentEverRanIsLinkedNotUnreadable() throws Exception {
    new io.printerlink.agent.state.TokenStore(state).save(new io.printerlink.agent.state.StoredLink(
        io.printerlink.protocol.Secrets.newToken(new java.security.SecureRandom()),
        new io.printerlink.agent.state.LinkInfo("prn_1", "acc_1", "Ada")));

    assertThat(run("status", "--state-dir", state.toString())).isEqualTo(StatusCommand.NOT_RUNNING);
    assertThat(out.toString()).contains("state:          linked, agent not started yet").contains("linked:         yes, printer prn_1, account Ada");
    assertThat(run("status", "--state-dir", state.toString(), "--json")).isEqualTo(StatusCommand.NOT_RUNNING);
    assertThat(out.toString()).contains("\"linked\":true").contains("\"printerId\":\"prn_1\"").contains("\"accountName\":\"Ada\"");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void missingStatusFileIsAClearErrorWithoutStackTrace() {
    int code = run("status", "--state-dir", state.resolve("nowhere").toString());

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).startsWith("printer-agent: no status.json in ").doesNotContain("Exception");
  }

  @Test
  void jsonWithoutAReadableStatusIsStillOneJsonObjectOnStdout() throws Exception {
    int code = run("status", "--state-dir", state.resolve("nowhere").toString(), "--json");

    assertThat(code).isEqualTo(1);
    com.google.gson.JsonObject o = com.google.gson.JsonParser.parseString(out.toString().strip()).getAsJsonObject();
    assertThat(o.get("running").getAsBoolean()).isFalse();
    assertThat(o.get("error").getAsString()).startsWith("no status.json in ");
    assertThat(err.toString()).startsWith("printer-agent: no status.json in ");
  }

  @Test
  void corruptOrUnreadableStatusFileIsAPlainMessage() throws Exception {
    java.nio.file.Files.writeString(state.resolve(StatusFile.NAME), "{\"pid\":");
    assertThat(run("status", "--state-dir", state.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("status.json is not an agent status (").doesNotContain("\tat ");

    Path dirInstead = state.resolve("other");
    java.nio.file.Files.createDirectories(dirInstead.resolve(StatusFile.NAME));
    assertThat(run("status", "--state-dir", dirInstead.toString(), "--json")).isEqualTo(1);
    assertThat(out.toString()).contains("\"error\":\"cannot read ").contains("status.json");
    assertThat(err.toString()).doesNotContain("\tat ").doesNotContain("printer-agent: Is a directory");
  }

  @Test
  void advertiseHostThatIsNotAPrivateLiteralIsRefused() {
    int code = run("--relay", "https://relay.example.org", "--advertise-host", "printer.local:80");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("advertise host must be a private IP literal");
  }

  @Test
  void advertiseHostPortOutOfRangeIsRefused() {
    int code = run("--relay", "https://relay.example.org", "--advertise-host", "[fd00::50]:70000");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("advertise host port must be from 1 to 65535");
  }
}
