package io.printerlink.desktop.wizard;

/** How a screen's view-model moves the wizard on; implemented by {@link WizardViewModel}. */
interface Navigator {
  /** The open connection, or null before one is made. */
  WizardConnection connection();

  void connected(WizardConnection connection);

  void discover();

  void link(PrinterCard card);

  void code();

  void linked(String printerId, String printerName);

  void printers();
}
