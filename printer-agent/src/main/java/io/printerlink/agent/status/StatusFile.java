package io.printerlink.agent.status;

import io.printerlink.agent.AgentStatus;
import io.printerlink.protocol.Json;
import io.printerlink.protocol.JsonInputException;
import io.printerlink.protocol.Limits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * {@code status.json} in the state folder: the running agent writes it (atomically: temp file and
 * rename) whenever its status changes meaningfully, and when it stops; {@code printer-agent status}
 * reads it. A file rather than a status port: it works for a service under systemd's sandbox with no
 * extra listening socket, and it needs no authentication because only the state folder's owner (and
 * root) can read it. The countdown is not rewritten every second (an SD card would not thank us):
 * the reader ages it by the time since {@code updatedAt}.
 */
public final class StatusFile {
  public static final String NAME = "status.json";

  private final Path file;
  private final Clock clock;
  private final long pid;
  private final String relay;

  public StatusFile(Path stateDir, Clock clock, long pid, String relay) {
    this.file = stateDir.toAbsolutePath().resolve(NAME);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.pid = pid;
    this.relay = Objects.requireNonNull(relay, "relay");
  }

  public Path path() {
    return file;
  }

  /** Writes the status; {@code running} false marks a clean stop. */
  public void write(AgentStatus s, boolean running) throws IOException {
    StatusReport report = new StatusReport(
        pid,
        clock.instant().toString(),
        running,
        running ? s.state() : "agent stopped",
        s.linked(),
        s.printerId(),
        s.accountName(),
        running && s.windowOpen(),
        running ? s.windowSecondsLeft() : 0,
        running && s.lastAnnounceAccepted(),
        s.seenFrom(),
        s.lastError(),
        s.advertisedAddress(),
        s.advertisedPort(),
        s.candidates(),
        relay);
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), ".status-", ".tmp");
    try {
      Files.write(tmp, Json.write(report).getBytes(StandardCharsets.UTF_8));
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Reads a status file; the message of the exception says what is wrong in plain words. */
  public static StatusReport read(Path stateDir) throws IOException {
    Path p = stateDir.toAbsolutePath().resolve(NAME);
    if (!Files.exists(p)) {
      throw new IOException("no " + NAME + " in " + stateDir.toAbsolutePath()
          + ": the agent has not run with this state folder (or you cannot read it)");
    }
    if (Files.size(p) > Limits.MAX_BODY_BYTES) {
      throw new IOException(p + " is too large to be an agent status");
    }
    byte[] raw;
    try {
      raw = Files.readAllBytes(p);
    } catch (IOException e) {
      throw new IOException("cannot read " + p + " (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
    }
    try {
      return Json.parse(raw, StatusReport.class);
    } catch (JsonInputException e) {
      throw new IOException(p + " is not an agent status (" + e.getMessage() + ")");
    }
  }

  /** Seconds left in the window now, aging the written countdown by the time since it was written. */
  public static long secondsLeftNow(StatusReport r, Instant now) {
    if (!r.windowOpen()) {
      return 0;
    }
    try {
      long elapsed = Math.max(0, Duration.between(Instant.parse(r.updatedAt()), now).toSeconds());
      return Math.max(0, r.windowSecondsLeft() - elapsed);
    } catch (DateTimeParseException e) {
      return r.windowSecondsLeft();
    }
  }
}
