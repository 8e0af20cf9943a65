import type { Rendered } from '../webview/protocol';
import type { PanelSnapshot } from './comparisonPanel';
import type { PickerRow } from './modelPicker';
import type { StatusBarSnapshot } from './statusBar';
import type { SourcesSnapshot } from './pricingSources';

/**
 * What activate() returns. Used by the integration tests to read what the user would see; it
 * exposes no text and changes nothing. Asynchronous because the engine loads after activation.
 */
export interface TokenSpendApi {
  /** The status-bar item as shown now. */
  statusBar(): Promise<StatusBarSnapshot>;
  /** Waits until no status-bar count is scheduled or running. */
  statusBarIdle(): Promise<void>;
  /** The comparison panel's last view and the table the webview last reported drawing. */
  panel(): Promise<PanelSnapshot | undefined>;
  /** Resolves with the next table the webview reports as drawn (rejects if no panel is open). */
  nextPanelRender(): Promise<Rendered>;
  /** Waits until the panel's latest computation has been sent to the webview. */
  panelComputed(): Promise<void>;
  /**
   * Delivers `message` to the panel's host as if the webview had posted it (same validation).
   * Resolves false when the message is invalid or no panel is open. Tests use it to drive the
   * panel's inputs, which live inside the webview's iframe.
   */
  sendToPanel(message: unknown): Promise<boolean>;
  /** The rows of the Select Model picker while it is open (model id and label), else undefined. */
  modelPicker(): Promise<readonly PickerRow[] | undefined>;
  /** Messages shown to the user about invalid settings or pricing files, oldest first. */
  problems(): Promise<readonly string[]>;
  /** The pricing-sources page's data and what it last drew, when it is open. */
  pricingSources(): Promise<SourcesSnapshot | undefined>;
}
