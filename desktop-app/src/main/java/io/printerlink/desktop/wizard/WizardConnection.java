package io.printerlink.desktop.wizard;

import io.printerlink.desktop.core.Credentials;
import io.printerlink.desktop.core.LinkingService;
import java.util.Optional;

/**
 * A core ready to use, plus the local account when running embedded (then the sign-in screen
 * is skipped). Closing it signs out and stops whatever was started for it.
 */
public interface WizardConnection extends AutoCloseable {
  LinkingService core();

  /** Present in embedded mode: the local account to create and use. */
  Optional<Credentials> localAccount();

  /** Where the relay is, in plain words, for the window. */
  String relayDescription();

  @Override
  void close();
}
