package io.printerlink.relay.cli;

import io.printerlink.protocol.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Passwords handed to the relay's command line in a file (never as a flag value, which {@code ps} shows). */
public final class SecretFiles {
  public static final int MAX_BYTES = 1024;

  private SecretFiles() {}

  /**
   * The file's first line as a secret; the bytes read are wiped.
   *
   * @throws IllegalArgumentException naming {@code flag} when it is not a regular file of at most {@link #MAX_BYTES}
   */
  public static Secret firstLine(Path file, String flag) throws IOException {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException(flag + " " + file + " does not exist");
    }
    if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
      throw new IllegalArgumentException(flag + " " + file + " must be a file of at most " + MAX_BYTES + " bytes");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (FileSystemException e) {
      throw new IllegalArgumentException(flag + " " + StartFailures.fileProblem(e));
    }
    try {
      return Secret.fromText(new String(bytes, StandardCharsets.UTF_8).lines().findFirst().orElse(""));
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
