package io.printerlink.desktop.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by every command: which relay, which account, where embedded data lives. */
public final class ConnectionOptions {
  @Option(
      names = "--relay",
      paramLabel = "URL",
      description = "Relay base URL (http:// or https://). Without it, an embedded relay and a demo printer start on this computer.")
  String relay;

  @Option(names = "--username", paramLabel = "NAME", description = "Account username (required with --relay).")
  String username;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "File holding the password. Otherwise the password is read from the environment variable "
          + CliContext.PASSWORD_ENV + ".")
  Path passwordFile;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data folder of the embedded relay (default: ~/.printerlink/embedded-relay).")
  Path dataDir;

  @Option(
      names = "--relay-ca",
      paramLabel = "FILE",
      description = "PEM file with the CA (or certificate) a self-hosted relay's TLS certificate must chain to "
          + "(default: the system trust store).")
  Path relayCa;

  @Option(names = "--insecure", description = "Allow a plain http:// relay URL to another machine (password and tokens travel unencrypted).")
  boolean insecure;
}
