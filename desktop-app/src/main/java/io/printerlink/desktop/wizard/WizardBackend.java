package io.printerlink.desktop.wizard;

/** Opens the wizard's connection (blocking: starts servers or clients). Called off the FX thread. */
@FunctionalInterface
public interface WizardBackend {
  WizardConnection open() throws Exception;
}
