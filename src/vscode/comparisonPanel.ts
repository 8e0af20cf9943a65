import * as vscode from 'vscode';
import { comparisonToCsv, comparisonToMarkdown } from '../core/report';
import type { AgentContext } from '../core/context';
import type { Comparison } from '../core/types';
import {
  ASSUMPTION_KEYS,
  HostMessageSchema,
  VIEW_TYPE,
  WebviewMessageSchema,
  WebviewStateSchema,
  type ComparisonView,
  type HostMessage,
  type HostState,
  type PanelAssumptions,
  type Rendered,
  type WebviewMessage,
} from '../webview/protocol';
import { Cancelled } from './countService';
import { assumptionsFrom, currentModel, knownVendors, uiLocale, type Services } from './context';
import { isCountable, textOf, type CountedText } from './textSource';
import { toView } from './viewModel';
import { webviewHtml, webviewOptions } from './webviewHtml';
import type { Settings } from './settingsSchema';

const FOLLOW_DELAY_MS = 400;
/** Where a pinned snapshot's text is kept across window reloads: this machine's workspace storage, never the webview. */
const PINNED_TEXT_KEY = 'tokenSpend.comparison.pinnedText';
const MAX_PINNED_TEXT = 2_000_000;

/** The next 03:00 in Beijing on a Wednesday: outside every weekday peak window, inside night-time discounts. */
export function offPeakInstant(now: Date): Date {
  const t = new Date(now.getTime());
  // 03:00 Asia/Shanghai (UTC+8, no daylight saving) is 19:00 UTC on the previous day.
  t.setUTCHours(19, 0, 0, 0);
  while (t.getUTCDay() !== 2 || t.getTime() <= now.getTime()) t.setUTCDate(t.getUTCDate() + 1);
  return t;
}

/** What tests can read about the panel. */
export interface PanelSnapshot {
  view?: ComparisonView;
  rendered?: Rendered;
  pinned: boolean;
  visible: boolean;
}

/**
 * The comparison panel's host side: one panel, following the active editor's selection or
 * document unless pinned. It computes counts and prices and sends only those to the webview.
 */
export class ComparisonPanel implements vscode.Disposable {
  private static current: ComparisonPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private source: CountedText | undefined;
  private host: HostState = { overrides: {}, pinned: false };
  private comparison: Comparison | undefined;
  private view: ComparisonView | undefined;
  private rendered: Rendered | undefined;
  private ready = false;
  /** Set when the text or prices changed while the panel was hidden: recompute when it shows again. */
  private stale = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private cancel: vscode.CancellationTokenSource | undefined;
  private work: Promise<void> = Promise.resolve();
  private readonly renderWaiters: ((r: Rendered) => void)[] = [];

  static get instance(): ComparisonPanel | undefined {
    return ComparisonPanel.current;
  }

  /** Opens (or reveals) the panel on the active editor's selection or document. */
  static show(services: Services, context: vscode.ExtensionContext, preferSelection: boolean): ComparisonPanel {
    const editor = vscode.window.activeTextEditor;
    const existing = ComparisonPanel.current;
    if (existing) {
      existing.panel.reveal(undefined, false);
      if (isCountable(editor)) existing.setSource(textOf(editor, preferSelection), true);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      vscode.l10n.t('Token Spend: Cost Comparison'),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      webviewOptions(context.extensionUri),
    );
    const created = new ComparisonPanel(panel, services, context, { overrides: {}, pinned: false });
    if (isCountable(editor)) created.setSource(textOf(editor, preferSelection), true);
    else created.refresh();
    return created;
  }

  /** Brings a panel back after a window reload, with its what-if values and pin. */
  static revive(panel: vscode.WebviewPanel, services: Services, context: vscode.ExtensionContext, state: unknown): ComparisonPanel {
    ComparisonPanel.current?.dispose();
    panel.webview.options = webviewOptions(context.extensionUri);
    const parsed = WebviewStateSchema.safeParse(state);
    const host = parsed.success ? parsed.data.host : { overrides: {}, pinned: false };
    const revived = new ComparisonPanel(panel, services, context, host);
    const pinned = host.pinned
      ? context.workspaceState.get<{ kind: 'selection' | 'document'; label: string; text: string; uri: string }>(PINNED_TEXT_KEY)
      : undefined;
    const editor = vscode.window.activeTextEditor;
    if (pinned) {
      revived.source = { kind: pinned.kind, label: pinned.label, text: pinned.text, length: pinned.text.length, uri: vscode.Uri.parse(pinned.uri), version: 0 };
      revived.refresh();
    } else {
      revived.host.pinned = false;
      if (isCountable(editor)) revived.setSource(textOf(editor), true);
      else revived.refresh();
    }
    return revived;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly services: Services,
    private readonly context: vscode.ExtensionContext,
    host: HostState,
  ) {
    ComparisonPanel.current = this;
    this.host = host;
    panel.webview.html = webviewHtml(panel.webview, context.extensionUri, uiLocale());
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      panel.onDidChangeViewState(() => {
        if (!panel.visible) return;
        if (this.stale) this.refresh();
        // A panel that becomes visible again reloads its page from state: send it the latest view.
        else if (this.view) this.post({ type: 'view', view: this.view, host: this.host });
      }),
      vscode.window.onDidChangeActiveTextEditor((e) => this.follow(e, 0)),
      vscode.window.onDidChangeTextEditorSelection((e) => this.follow(e.textEditor, FOLLOW_DELAY_MS)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) this.follow(vscode.window.activeTextEditor, FOLLOW_DELAY_MS);
      }),
      services.settings.onDidChange(() => this.refresh()),
      services.pricing.onDidChange(() => this.refresh()),
      ...(services.alwaysSent ? [services.alwaysSent.onDidChange(() => this.effectiveAssumptions(services.settings.get()).alwaysSent && this.refresh())] : []),
    );
  }

  snapshot(): PanelSnapshot {
    return { view: this.view, rendered: this.rendered, pinned: this.host.pinned, visible: this.panel.visible };
  }

  /** Resolves with the next table the webview reports as drawn. */
  nextRender(): Promise<Rendered> {
    return new Promise((resolve) => this.renderWaiters.push(resolve));
  }

  /** Resolves when the current computation has been sent to the webview. */
  whenComputed(): Promise<void> {
    return this.work;
  }

  /** Comparison of what the panel shows, for the copy/save commands. */
  lastComparison(): Comparison | undefined {
    return this.comparison;
  }

  private follow(editor: vscode.TextEditor | undefined, delay: number): void {
    if (this.host.pinned || !isCountable(editor) || editor !== vscode.window.activeTextEditor) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.setSource(textOf(editor), false);
    }, delay);
  }

  private setSource(source: CountedText, force: boolean): void {
    if (!force && this.host.pinned) return;
    if (!force && this.source && this.source.text === source.text && this.source.kind === source.kind && this.source.label === source.label) return;
    this.source = source;
    this.refresh();
  }

  private settingsAssumptions(settings: Settings): PanelAssumptions {
    return {
      outputTokens: settings.outputTokens,
      reasoningTokens: settings.reasoningTokens,
      cachedShare: settings.cachedShare,
      callsPerDay: settings.callsPerDay,
      currency: settings.currency,
      batch: false,
      offPeak: false,
      alwaysSent: false,
    };
  }

  private effectiveAssumptions(settings: Settings): PanelAssumptions {
    return { ...this.settingsAssumptions(settings), ...this.host.overrides };
  }

  /** Writes the panel's what-if values into the settings (batch, off-peak and always-sent are panel-only) and follows the settings again. */
  private async applyToSettings(): Promise<void> {
    const o = this.host.overrides;
    const keys = ['outputTokens', 'reasoningTokens', 'cachedShare', 'callsPerDay', 'currency'] as const;
    const { batch, offPeak, alwaysSent } = o;
    for (const key of keys) {
      const value = o[key];
      if (value !== undefined) await this.services.settings.update(key, value);
    }
    const panelOnly = { batch, offPeak, alwaysSent };
    this.host = { ...this.host, overrides: Object.fromEntries(Object.entries(panelOnly).filter(([, v]) => v !== undefined)) };
    this.refresh();
  }

  /** The always-sent files for the text's file when the option is on, and what the line above the table says about them. */
  private async alwaysSentFor(on: boolean): Promise<{ groups?: AgentContext[]; none?: 'noFolder' | 'noFiles' } | undefined> {
    if (!on) return undefined;
    const uri = this.source?.uri;
    const found = uri && this.services.alwaysSent ? await this.services.alwaysSent.groupsFor(uri) : undefined;
    if (!found) return { none: 'noFolder' };
    return found.groups.length ? { groups: found.groups } : { none: 'noFiles' };
  }

  /** Recomputes and sends the view; a newer call cancels an older one still running. A hidden panel only notes that it is out of date. */
  refresh(): void {
    if (!this.panel.visible && this.view) {
      this.stale = true;
      return;
    }
    this.stale = false;
    this.cancel?.cancel();
    const cancel = new vscode.CancellationTokenSource();
    this.cancel = cancel;
    this.work = this.work
      .then(() => this.compute(cancel.token))
      .catch((err: unknown) => {
        if (err instanceof Cancelled) return;
        const message = err instanceof Error ? err.message : String(err);
        this.services.problems.output.error(`comparison failed: ${message}`);
        this.post({ type: 'toast', text: vscode.l10n.t('Could not compare this text: {0}', message) });
      });
  }

  private async compute(token: vscode.CancellationToken): Promise<void> {
    if (token.isCancellationRequested) return;
    const settings = this.services.settings.get();
    const catalogue = await this.services.pricing.catalogue();
    const model = currentModel(catalogue, settings, this.services.problems);
    const panelAssumptions = this.effectiveAssumptions(settings);
    const at = panelAssumptions.offPeak ? offPeakInstant(new Date()) : new Date();
    const a = { ...assumptionsFrom(settings, at), ...panelAssumptions };
    const text = this.source?.text ?? '';
    this.post({ type: 'busy', busy: true });
    const alwaysSent = await this.alwaysSentFor(panelAssumptions.alwaysSent);
    if (token.isCancellationRequested) return;
    const comparison = await this.services.counts.compare(
      text,
      catalogue,
      {
        outputTokens: a.outputTokens,
        reasoningTokens: a.reasoningTokens,
        cachedShare: a.cachedShare,
        callsPerDay: a.callsPerDay,
        currency: a.currency,
        batch: a.batch,
        at,
        vendorDiscounts: settings.vendorDiscounts,
      },
      {
        currentModelId: model.id,
        vendors: knownVendors(catalogue, settings, this.services.problems),
        exchangeRates: this.services.pricing.exchangeRates(catalogue),
        // Flag every cheaper equivalent in the table, not only the top few.
        suggestionLimit: catalogue.models.length,
        ...(alwaysSent?.groups ? { alwaysSent: alwaysSent.groups } : {}),
      },
      token,
    );
    if (token.isCancellationRequested) return;
    this.comparison = comparison;
    this.view = toView(comparison, {
      locale: uiLocale(),
      source: this.source ? { kind: this.source.kind, label: this.source.label, pinned: this.host.pinned } : { kind: 'empty', label: '', pinned: false },
      assumptions: panelAssumptions,
      settings: this.settingsAssumptions(settings),
      overridden: ASSUMPTION_KEYS.filter((k) => this.host.overrides[k] !== undefined),
      notices: this.services.pricing.problemsForDisplay(),
      ...(alwaysSent?.none ? { alwaysSentNone: alwaysSent.none } : {}),
    });
    this.post({ type: 'view', view: this.view, host: this.host });
    this.post({ type: 'busy', busy: false });
  }

  private post(message: HostMessage): void {
    if (!this.ready && message.type !== 'view') return;
    const checked = HostMessageSchema.safeParse(message);
    if (!checked.success) {
      this.services.problems.output.error(`refusing to send an invalid message to the panel: ${checked.error.message}`);
      return;
    }
    void this.panel.webview.postMessage(checked.data);
  }

  /** Handles a message exactly as if the webview had sent it (validation included); for the integration tests. */
  receiveForTest(raw: unknown): boolean {
    return this.receive(raw);
  }

  private receive(raw: unknown): boolean {
    const parsed = WebviewMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.services.problems.output.warn(`ignored an invalid message from the panel: ${parsed.error.message}`);
      return false;
    }
    void this.handle(parsed.data);
    return true;
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.view) this.post({ type: 'view', view: this.view, host: this.host });
        return;
      case 'setAssumptions':
        this.host = { ...this.host, overrides: { ...this.host.overrides, ...message.values } };
        this.refresh();
        return;
      case 'applyAssumptions':
        await this.applyToSettings();
        return;
      case 'resetAssumptions':
        this.host = { ...this.host, overrides: {} };
        this.refresh();
        return;
      case 'pin':
        await this.setPinned(message.pinned);
        return;
      case 'export':
        await this.export(message.format);
        return;
      case 'selectModel':
        await vscode.commands.executeCommand('tokenSpend.selectModel', message.modelId);
        return;
      case 'openSource': {
        const model = (await this.services.pricing.catalogue()).model(message.modelId);
        if (model) await vscode.env.openExternal(vscode.Uri.parse(model.source));
        return;
      }
      case 'openSources':
        await vscode.commands.executeCommand('tokenSpend.showPricingSources');
        return;
      case 'openPlanSource': {
        const plan = (await this.services.pricing.catalogue()).plans.find((p) => p.id === message.planId);
        if (plan) await vscode.env.openExternal(vscode.Uri.parse(plan.source));
        return;
      }
      case 'rendered':
        this.rendered = message.rendered;
        this.renderWaiters.splice(0).forEach((w) => w(message.rendered));
        return;
    }
  }

  async setPinned(pinned: boolean): Promise<void> {
    this.host = { ...this.host, pinned };
    if (pinned && this.source && this.source.text.length <= MAX_PINNED_TEXT) {
      await this.context.workspaceState.update(PINNED_TEXT_KEY, {
        kind: this.source.kind,
        label: this.source.label,
        text: this.source.text,
        uri: this.source.uri.toString(),
      });
    } else {
      await this.context.workspaceState.update(PINNED_TEXT_KEY, undefined);
    }
    if (!pinned && isCountable(vscode.window.activeTextEditor)) this.source = textOf(vscode.window.activeTextEditor);
    this.refresh();
  }

  /** Copies the Markdown report or saves the CSV of what the panel shows. */
  async export(format: 'markdown' | 'csv'): Promise<boolean> {
    await this.work;
    const c = this.comparison;
    if (!c) return false;
    if (format === 'markdown') {
      await vscode.env.clipboard.writeText(comparisonToMarkdown(c, uiLocale()));
      this.post({ type: 'toast', text: vscode.l10n.t('Copied the comparison as a Markdown table.') });
      return true;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, 'token-spend-comparison.csv') : undefined,
      filters: { CSV: ['csv'] },
      saveLabel: vscode.l10n.t('Save CSV'),
    });
    if (!target) return false;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(comparisonToCsv(c)));
    this.post({ type: 'toast', text: vscode.l10n.t('Saved {0}.', vscode.workspace.asRelativePath(target)) });
    return true;
  }

  dispose(): void {
    if (ComparisonPanel.current === this) ComparisonPanel.current = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.cancel?.cancel();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
