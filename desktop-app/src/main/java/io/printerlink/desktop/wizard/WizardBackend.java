package io.printerlink.desktop.wizard;

/** Opens the wizard's connection to the chosen relay (blocking: starts servers or clients). Called off the FX thread. */
@FunctionalInterface
public interface WizardBackend {
  WizardConnection open(RelayChoice choice) throws Exception;
}
