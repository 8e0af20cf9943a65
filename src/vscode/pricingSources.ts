import * as vscode from 'vscode';
import { pricingSourcesView, type SourcesView, type UpdateState } from '../core/pricing/sourcesView';
import type { Catalogue } from '../core/pricing/catalogue';
import type { UiLocale } from '../core/l10n';
import { SourcesWebviewMessageSchema, type SourcesHostMessage } from '../webview/sources/protocol';
import { uiLocale, type Services } from './context';
import type { PriceUpdateStatus } from './priceUpdates';
import type { PricingService } from './pricingService';
import { webviewHtml, webviewOptions } from './webviewHtml';

export const SOURCES_VIEW_TYPE = 'tokenSpend.pricingSources';

/** What the page shows now; read by the integration tests through the extension's API. */
export interface SourcesSnapshot {
  view?: SourcesView;
  /** Vendor sections and rows the page last reported drawing. */
  rendered?: { vendors: number; rows: number };
}

/** The page's data for the catalogue in use, in the UI language. */
export function sourcesViewOf(catalogue: Catalogue, pricing: PricingService, locale: UiLocale, now: Date, updates?: PriceUpdateStatus): SourcesView {
  const update: UpdateState | undefined = updates && {
    enabled: updates.enabled,
    url: updates.url,
    fromUpdate: updates.inUse.fromUpdate,
    ...(updates.lastCheck ? { lastCheck: { at: updates.lastCheck.at, message: updates.lastCheck.message } } : {}),
  };
  return pricingSourcesView(catalogue, pricing.exchangeRates(catalogue), locale, now, pricing.overlayFiles(), update);
}

/**
 * Show Pricing Sources: a webview page listing where every price comes from (vendor, source
 * address, date checked, secondary-source and stale marks) and the state of the user's pricing
 * files. Strict CSP with a nonce (webviewHtml); every message from the page is validated, and it
 * may only open an address the host sent it or one of the user's pricing files.
 */
export class PricingSourcesPanel implements vscode.Disposable {
  static current: PricingSourcesPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private state: SourcesSnapshot = {};
  private links = new Set<string>();
  private disposed = false;

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly services: Services,
    extensionUri: vscode.Uri,
  ) {
    panel.webview.options = webviewOptions(extensionUri);
    panel.webview.html = webviewHtml(panel.webview, extensionUri, uiLocale(), { script: 'sources.js', style: 'sources.css' });
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      services.pricing.onDidChange(() => void this.post()),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  static show(services: Services, extensionUri: vscode.Uri): PricingSourcesPanel {
    if (PricingSourcesPanel.current) {
      PricingSourcesPanel.current.panel.reveal();
      void PricingSourcesPanel.current.post();
      return PricingSourcesPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(
      SOURCES_VIEW_TYPE,
      vscode.l10n.t('Token Spend: pricing sources'),
      vscode.ViewColumn.Active,
      webviewOptions(extensionUri),
    );
    PricingSourcesPanel.current = new PricingSourcesPanel(panel, services, extensionUri);
    return PricingSourcesPanel.current;
  }

  snapshot(): SourcesSnapshot {
    return { ...this.state };
  }

  private receive(raw: unknown): void {
    const parsed = SourcesWebviewMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.services.problems.output.warn(
        `Pricing sources: ignored a message that is not part of the protocol (${parsed.error.issues[0]?.message ?? 'invalid'})`,
      );
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'ready':
        void this.post();
        break;
      case 'rendered':
        this.state = { ...this.state, rendered: { vendors: message.vendors, rows: message.rows } };
        break;
      case 'openLink':
        // Only the addresses this page was sent, and only web addresses.
        if (this.links.has(message.url) && /^https?:\/\//.test(message.url)) void vscode.env.openExternal(vscode.Uri.parse(message.url, true));
        else this.services.problems.output.warn(`Pricing sources: refused to open an address it did not show (${message.url.slice(0, 200)})`);
        break;
      case 'openFile': {
        const file = this.services.pricing.overlayFiles()[message.index];
        if (file) void vscode.window.showTextDocument(file.uri).then(undefined, () => undefined);
        break;
      }
    }
  }

  private async post(): Promise<void> {
    const catalogue = await this.services.pricing.catalogue();
    const view = sourcesViewOf(catalogue, this.services.pricing, uiLocale(), new Date(), this.services.updates.status());
    this.links = new Set(view.vendors.flatMap((v) => [v.pricingPage, ...v.models.map((m) => m.source), ...v.plans.map((p) => p.source)]));
    this.state = { view };
    const message: SourcesHostMessage = { type: 'data', view };
    await this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (PricingSourcesPanel.current === this) PricingSourcesPanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
