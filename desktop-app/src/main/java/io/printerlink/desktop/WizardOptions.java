package io.printerlink.desktop;

import io.printerlink.protocol.RelayTrust;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The wizard's own flags, for a self-hosted relay entered on its start screen: the same
 * {@code --relay-ca} and {@code --insecure} as the command-line twin. The embedded relay needs neither.
 */
@Command(name = "printerlink-desktop")
final class WizardOptions {
  @Option(names = "--relay-ca", paramLabel = "FILE",
      description = "PEM file with the CA a self-hosted relay's TLS certificate must chain to.")
  Path relayCa;

  @Option(names = "--insecure", description = "Allow a plain http:// relay URL to another machine.")
  boolean insecure;

  /** True when {@code firstArg} starts the wizard's flags rather than a CLI command. */
  static boolean isWizardFlag(String firstArg) {
    return firstArg.equals("--insecure") || firstArg.equals("--relay-ca") || firstArg.startsWith("--relay-ca=");
  }

  /**
   * Parses the wizard's flags into the trust a relay URL is checked against.
   *
   * @throws IllegalArgumentException with a message for the user (unknown flag, missing or unreadable CA file)
   */
  static RelayTrust parse(String... args) {
    WizardOptions options = new WizardOptions();
    try {
      new CommandLine(options).parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    RelayTrust trust = options.relayCa == null ? RelayTrust.system() : RelayTrust.fromPem(options.relayCa);
    return trust.allowInsecure(options.insecure);
  }
}
