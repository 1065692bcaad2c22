package io.printerlink.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code systemd/printerlink-agent-start}, the agent service's launcher, run for real with the
 * built agent jar: it records an AppCDS archive on the first run, maps it on later runs, and
 * records it again after the jar is upgraded. Which of the two the script chose is read from the
 * java command line, captured by a stand-in {@code JAVA} that logs its arguments and runs the real
 * java.
 */
class AgentLauncherTest {
  private static final Path LAUNCHER = Path.of("systemd/printerlink-agent-start");
  private static final Path BUILT_JAR = Path.of("../printer-agent/target/printerlink-agent.jar");

  @TempDir Path dir;
  private Path jar;
  private Path cds;
  private Path javaArgs;
  private Path java;

  @BeforeEach
  void setUp() throws IOException {
    assertThat(BUILT_JAR).as("the agent's runnable jar (built before this module)").isRegularFile();
    jar = Files.copy(BUILT_JAR, dir.resolve("printerlink-agent.jar"));
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(3600)));
    cds = dir.resolve("state/agent-cds.jsa");
    Files.createDirectories(cds.getParent());
    javaArgs = dir.resolve("java-args");
    java = dir.resolve("java");
    String realJava = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Files.writeString(java, "#!/bin/sh\necho \"$@\" >> '" + javaArgs + "'\nexec '" + realJava + "' \"$@\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
  }

  @Test
  void firstRunRecordsTheArchiveAndLaterRunsMapIt() throws Exception {
    String first = launch();
    assertThat(first).containsPattern("\\d+\\.\\d+\\.\\d+");
    assertThat(cds).as("archive written when the first run exits").isNotEmptyFile();
    assertThat(lastJavaArgs()).contains("-XX:ArchiveClassesAtExit=" + cds).doesNotContain("SharedArchiveFile");
    FileTime recorded = Files.getLastModifiedTime(cds);

    String second = launch();
    assertThat(second).isEqualTo(first);
    assertThat(lastJavaArgs()).contains("-XX:SharedArchiveFile=" + cds).doesNotContain("ArchiveClassesAtExit");
    assertThat(Files.getLastModifiedTime(cds)).isEqualTo(recorded);
  }

  @Test
  void anUpgradedJarGetsAFreshArchive() throws Exception {
    launch();
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));

    launch();

    assertThat(lastJavaArgs()).contains("-XX:ArchiveClassesAtExit=" + cds);
  }

  @Test
  void anUnusableArchiveDoesNotStopTheAgent() throws Exception {
    launch();
    Files.writeString(cds, "not an archive");
    Files.setLastModifiedTime(cds, FileTime.from(Instant.now().plusSeconds(5)));

    String out = launch();

    assertThat(lastJavaArgs()).contains("-XX:SharedArchiveFile=" + cds);
    assertThat(out).containsPattern("\\d+\\.\\d+\\.\\d+");
  }

  @Test
  void theServiceUnitStartsTheAgentThroughTheLauncher() throws IOException {
    List<String> unit = Files.readAllLines(Path.of("systemd/printerlink-agent.service"));
    assertThat(unit).anyMatch(l -> l.startsWith("ExecStart=/opt/printerlink/printerlink-agent-start "));
    assertThat(Files.isExecutable(LAUNCHER)).isTrue();
  }

  /** Runs the launcher with {@code --version}; returns its output (exit 0 asserted). */
  private String launch() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toAbsolutePath().toString(), "--version").redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("PRINTERLINK_AGENT_JAR", jar.toString());
    env.put("PRINTERLINK_AGENT_CDS", cds.toString());
    env.put("JAVA", java.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  private String lastJavaArgs() throws IOException {
    List<String> lines = Files.readAllLines(javaArgs);
    return lines.get(lines.size() - 1);
  }
}
