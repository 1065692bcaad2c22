package io.printerlink.desktop.wizard;

import io.printerlink.desktop.core.CoreConfig;
import io.printerlink.desktop.core.Credentials;
import io.printerlink.desktop.core.LinkingService;
import java.util.Optional;

/**
 * A core ready to use, plus the local account when running embedded (then no sign-in is
 * asked). Closing it stops whatever was started for it; it does not sign out (a remembered
 * session stays valid for the next run).
 */
public interface WizardConnection extends AutoCloseable {
  LinkingService core();

  /** The manual-code calls of the same core. */
  CodeLinking codes();

  /** The core's limits (the wizard quotes the LAN timeout to the user). */
  CoreConfig coreConfig();

  /** Present in embedded mode: the local account to create and use. */
  Optional<Credentials> localAccount();

  /** Where the relay is, in plain words, for the window. */
  String relayDescription();

  @Override
  void close();
}
