import * as vscode from 'vscode';
import { priceCall, isPriced } from '../core/cost';
import { formatCredits, formatMoney, formatTokens } from '../core/format';
import { creditsPerCall } from '../core/cost/credits';
import type { Catalogue } from '../core/pricing/catalogue';
import type { ExchangeRates, Model } from '../core/pricing/schema';
import type { Comparison, CostBreakdown, TokenCountResult } from '../core/types';
import { Cancelled } from './countService';
import { assumptionsFrom, currentModel, knownVendors, uiLocale, type Services } from './context';
import { activeTextView, isIgnoredPane, notCounted, notCountedWithoutDocument, textOf, codePoints, type CountedText, type NotCounted } from './textSource';
import type { Settings } from './settingsSchema';
import { VIEW_TYPE } from '../webview/viewType';
import { estimateErrorBoundOfText, isExactTokenizer } from '../core/tokenize';
import { literalIcons } from './iconText';
import { formatWindow, modelFit, NEARLY_FULL_PERCENT } from '../core/fit';
import type { PricedContext } from '../core/context';
import type { AlwaysSentService } from './alwaysSent';
import { statusTooltip } from './statusTooltip';
import { SOURCES_VIEW_TYPE } from './pricingSources';

/** Texts longer than this show "counting…" first. */
export const LARGE_TEXT = 200_000;
/** An incremental recount that takes longer than this shows "counting…" after all. */
const QUICK_COUNT_MS = 150;
const TYPING_DELAY_MS = 300;
const SELECTION_DELAY_MS = 120;
/** The tooltip's cross-vendor part loads every vocabulary: only after the user pauses, and only for texts up to this length. */
const SUGGESTION_DELAY_MS = 1200;
const SUGGESTION_MAX_TEXT = 50_000;

/** What the status bar shows now; read by the integration tests through the extension's API. */
export interface StatusBarSnapshot {
  visible: boolean;
  text: string;
  tooltip: string;
  /** The document version and selection the text belongs to. */
  uri?: string;
  version?: number;
  busy: boolean;
  /** The last texts shown, oldest first (so a test can see "counting…" came before a result). */
  recent: string[];
}

const RECENT_TEXTS = 10;

interface Counted {
  source: CountedText;
  model: Model;
  count: TokenCountResult;
  cost: CostBreakdown | { unpriced: string };
  /** The instant the cost was priced for (dated prices, time-of-day windows). */
  at: Date;
  /** The exchange rates the cost was converted with. */
  rates: ExchangeRates;
  settings: Settings;
  catalogue: Catalogue;
}

/**
 * The status-bar item: tokens and cost of the selection (or document) for the chosen model.
 * Counting is debounced and asynchronous; a newer request cancels an older one.
 */
export class StatusBarController implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private suggestionTimer: ReturnType<typeof setTimeout> | undefined;
  private cancel: vscode.CancellationTokenSource | undefined;
  private running: Promise<void> = Promise.resolve();
  private pending = false;
  private last: Counted | undefined;
  private comparison: Comparison | undefined;
  /** What the agents send with every request in this document's folder, priced with the current model. */
  private alwaysSent: PricedContext[] | undefined;
  private state: StatusBarSnapshot = { visible: false, text: '', tooltip: '', busy: false, recent: [] };
  private readonly idleWaiters: (() => void)[] = [];
  private readonly createdAt = Date.now();
  private firstShown = false;

  constructor(
    private readonly services: Services,
    private readonly alwaysSentService?: AlwaysSentService,
  ) {
    this.item = vscode.window.createStatusBarItem('tokenSpend.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = vscode.l10n.t('Token Spend');
    this.item.command = 'tokenSpend.openComparison';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor === vscode.window.activeTextEditor) this.schedule(SELECTION_DELAY_MS);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length && e.document === activeTextView()?.document) this.schedule(TYPING_DELAY_MS);
      }),
      // A notebook in command mode has no text editor: its selected cell is counted.
      vscode.window.onDidChangeNotebookEditorSelection(() => {
        if (!vscode.window.activeTextEditor) this.schedule(SELECTION_DELAY_MS);
      }),
      // Switching between non-text tabs (image preview, settings, our panel) fires no editor event.
      vscode.window.tabGroups.onDidChangeTabs(() => {
        if (!vscode.window.activeTextEditor) this.schedule(0);
      }),
      services.settings.onDidChange(() => this.schedule(0)),
      services.pricing.onDidChange(() => this.schedule(0)),
      ...(alwaysSentService ? [alwaysSentService.onDidChange(() => this.schedule(0))] : []),
    );
    this.schedule(0);
  }

  snapshot(): StatusBarSnapshot {
    return { ...this.state, recent: [...this.state.recent] };
  }

  private setState(next: Omit<StatusBarSnapshot, 'recent'>): void {
    const recent = next.text && next.text !== this.state.text ? [...this.state.recent, next.text].slice(-RECENT_TEXTS) : this.state.recent;
    this.state = { ...next, recent };
  }

  /** Resolves when no count is scheduled or running (for tests and commands that need the result). */
  whenIdle(): Promise<void> {
    if (!this.pending && !this.timer) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Recounts now (commands call this after changing a setting). */
  refresh(): Promise<void> {
    this.schedule(0);
    return this.whenIdle();
  }

  private schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.suggestionTimer) clearTimeout(this.suggestionTimer);
    this.cancel?.cancel();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pending = true;
      this.running = this.running
        .then(() => this.update())
        .finally(() => {
          this.pending = false;
          if (!this.timer) this.idleWaiters.splice(0).forEach((w) => w());
        });
    }, delay);
  }

  private async update(): Promise<void> {
    if (this.timer) return; // a newer request is already waiting
    const editor = activeTextView();
    const settings = this.services.settings.get();
    // Output/debug panes, and our own comparison panel (it shows the same text): keep the last count.
    if (isIgnoredPane(editor) || (!editor && this.last && comparisonPanelIsActive())) return;
    if (settings.statusBarShow === 'never') return this.hide();
    if (!editor) {
      const reason = settings.statusBarShow === 'always' ? await notCountedWithoutDocument() : undefined;
      if (this.timer) return; // a newer request came while the file system answered
      return reason ? this.showNotCounted(reason) : this.hide();
    }
    if (settings.statusBarShow === 'selection' && editor.selections.every((s) => s.isEmpty)) return this.hide();

    // Binary data or a text over the size limit: say so rather than count (or freeze).
    const refused = notCounted(editor);
    if (refused) return this.showNotCounted(refused);
    const source = textOf(editor, true, true);
    const cancel = new vscode.CancellationTokenSource();
    this.cancel = cancel;
    try {
      const catalogue = await this.services.pricing.catalogue();
      const model = currentModel(catalogue, settings, this.services.problems);
      const countSource = { kind: source.kind, uri: source.uri, version: source.version };
      // A large text says "counting…" at once, unless only its last edits need recounting: then
      // only if that takes longer than QUICK_COUNT_MS (no flicker while typing).
      let busyTimer: ReturnType<typeof setTimeout> | undefined;
      if (source.length > LARGE_TEXT) {
        if (this.services.counts.countsQuickly?.(countSource)) busyTimer = setTimeout(() => this.showBusy(source), QUICK_COUNT_MS);
        else this.showBusy(source);
      }
      const counts = await this.services.counts.count(() => source.text, [model.tokenizer], cancel.token, countSource).finally(() => clearTimeout(busyTimer));
      const count = counts.get(model.tokenizer)!;
      const rates = this.services.pricing.exchangeRates(catalogue);
      const at = new Date();
      const cost = priceCall(model, count.tokens, assumptionsFrom(settings, at), rates);
      const sameText = !!this.last && sameSource(this.last.source, source) && this.last.model.id === model.id && this.last.settings === settings;
      this.last = { source, model, count, cost, at, rates, settings, catalogue };
      if (!sameText) this.comparison = undefined;
      this.render();
      if (!this.comparison && source.length <= SUGGESTION_MAX_TEXT) this.scheduleSuggestions(cancel.token);
      this.scheduleAlwaysSent(cancel.token);
    } catch (err) {
      if (err instanceof Cancelled) return;
      this.showError(err);
    }
  }

  /** Second pass for the tooltip: the same text across vendors, for tokens per tokenizer and cheaper equivalents. */
  private scheduleSuggestions(token: vscode.CancellationToken): void {
    this.suggestionTimer = setTimeout(() => {
      const last = this.last;
      if (!last || token.isCancellationRequested) return;
      const vendors = knownVendors(last.catalogue, last.settings, this.services.problems);
      this.services.counts
        .compare(
          last.source.text,
          last.catalogue,
          assumptionsFrom(last.settings),
          {
            currentModelId: last.model.id,
            vendors,
            exchangeRates: this.services.pricing.exchangeRates(last.catalogue),
            suggestionLimit: 3,
          },
          token,
        )
        .then((c) => {
          if (token.isCancellationRequested || this.last !== last) return;
          this.comparison = c;
          this.render();
        })
        .catch((err: unknown) => {
          if (!(err instanceof Cancelled)) this.services.problems.output.error(`tooltip comparison failed: ${String(err)}`);
        });
    }, SUGGESTION_DELAY_MS);
  }

  /** Counts the workspace's always-sent instruction files with the current model, for the tooltip. */
  private scheduleAlwaysSent(token: vscode.CancellationToken): void {
    const last = this.last;
    if (!last || !this.alwaysSentService) return;
    this.alwaysSentService
      .forDocument(last.source.uri, last.model, assumptionsFrom(last.settings, last.at), last.rates, token)
      .then((result) => {
        if (token.isCancellationRequested || this.last !== last) return;
        this.alwaysSent = result?.priced;
        this.render();
      })
      .catch((err: unknown) => {
        if (!(err instanceof Cancelled)) this.services.problems.output.error(`always-sent context failed: ${String(err)}`);
      });
  }

  private render(): void {
    const c = this.last;
    if (!c) return;
    const locale = uiLocale();
    const tokens = (c.count.exact ? '' : '≈') + formatTokens(c.count.tokens, locale);
    const tokensText = vscode.l10n.t('{0} tok', tokens);
    const vendor = c.catalogue.vendor(c.model.vendor);
    const credits = vendor && 'total' in c.cost ? creditsPerCall(c.model, vendor, c.count.tokens, assumptionsFrom(c.settings, c.at), c.rates) : undefined;
    // A model billed in credits (GitHub Copilot) shows its credits where the money would be: that is what the plan counts.
    const costText = credits === undefined ? costLabel(c.cost, locale) : vscode.l10n.t('{0} cr', formatCredits(credits, locale));
    // A nearly full window is shown beside the count ("84% of 128K"); one that overflows is a warning.
    // The window the user really has when they picked the model from their own (Language Model API), else the catalogue's.
    const languageModelWindow = this.services.pickedWindow.of(c.model.id);
    const fit = modelFit(c.model, c.count.tokens, c.settings, languageModelWindow);
    const fitText = fit.percent >= NEARLY_FULL_PERCENT ? vscode.l10n.t('{0}% of {1}', fit.percent, formatWindow(fit.window)) : undefined;
    const parts =
      c.settings.statusBarFormat === 'tokens'
        ? [tokensText, fitText]
        : c.settings.statusBarFormat === 'cost'
          ? [costText, fitText]
          : c.settings.statusBarFormat === 'tokensCost'
            ? [tokensText, fitText, costText]
            : [tokensText, fitText, costText, literalIcons(c.model.name)];
    this.item.text = `${fit.fits ? '$(symbol-numeric)' : '$(warning)'} ${parts.filter(Boolean).join(' · ')}`;
    this.item.backgroundColor = fit.fits ? undefined : new vscode.ThemeColor('statusBarItem.warningBackground');
    const tooltip = statusTooltip(
      {
        model: c.model,
        catalogue: c.catalogue,
        source: {
          kind: c.source.kind,
          label: c.source.label,
          characters: characters(c.source),
          note: c.source.note,
          selections: c.source.selections,
        },
        estimateBound: isExactTokenizer(c.count.tokenizer) ? undefined : estimateErrorBoundOfText(c.count.tokenizer, c.source.text),
        count: c.count,
        chat: c.count.chat,
        cost: c.cost,
        assumptions: assumptionsFrom(c.settings, c.at),
        rates: c.rates,
        comparison: this.comparison,
        alwaysSent: this.alwaysSent,
        languageModelWindow,
      },
      locale,
    );
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = {
      label: fit.fits
        ? vscode.l10n.t('Token Spend: {0} tokens, {1} per call with {2}', tokens, costText, c.model.name)
        : fit.inputWindow
          ? vscode.l10n.t('Token Spend: {0} tokens do not fit the {1} input window of {2}', tokens, formatWindow(fit.window), c.model.name)
          : vscode.l10n.t('Token Spend: {0} tokens do not fit the {1} context window of {2}', tokens, formatWindow(fit.window), c.model.name),
    };
    this.item.show();
    if (!this.firstShown) {
      this.firstShown = true;
      this.services.problems.output.info(`first count shown ${Date.now() - this.createdAt} ms after start (pricing and ${c.count.tokenizer} loaded on demand)`);
    }
    this.setState({ visible: true, text: this.item.text, tooltip: tooltip.value, uri: c.source.uri.toString(), version: c.source.version, busy: false });
  }

  private showBusy(source: CountedText): void {
    this.item.text = `$(sync~spin) ${vscode.l10n.t('Counting {0} characters…', formatTokens(characters(source), uiLocale()))}`;
    this.item.tooltip = vscode.l10n.t('Token Spend is counting a large text; the result follows.');
    this.item.show();
    this.setState({ ...this.state, visible: true, text: this.item.text, busy: true });
  }

  private showError(err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    this.services.problems.output.error(message);
    this.item.text = `$(warning) ${vscode.l10n.t('Token Spend')}`;
    this.item.tooltip = vscode.l10n.t('Could not count or price this text: {0}', message);
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    this.item.show();
    this.setState({ visible: true, text: this.item.text, tooltip: String(this.item.tooltip), busy: false });
  }

  private showNotCounted(reason: NotCounted): void {
    this.last = undefined;
    this.comparison = undefined;
    this.item.text = reason.text;
    this.item.tooltip = reason.tooltip;
    this.item.backgroundColor = undefined;
    this.item.accessibilityInformation = { label: vscode.l10n.t('Token Spend: {0}', reason.tooltip) };
    this.item.show();
    this.setState({ visible: true, text: this.item.text, tooltip: reason.tooltip, busy: false });
  }

  private hide(): void {
    this.item.hide();
    this.setState({ visible: false, text: '', tooltip: '', busy: false });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.suggestionTimer) clearTimeout(this.suggestionTimer);
    this.cancel?.cancel();
    for (const d of this.disposables) d.dispose();
  }
}

function comparisonPanelIsActive(): boolean {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputWebview && (input.viewType.endsWith(VIEW_TYPE) || input.viewType.endsWith(SOURCES_VIEW_TYPE));
}

function costLabel(cost: CostBreakdown | { unpriced: string }, locale: string): string {
  if (!isPriced(cost)) return vscode.l10n.t('unpriced');
  if (cost.free) return vscode.l10n.t('free');
  return formatMoney(cost.total, cost.currency, locale);
}

/** The same text: a document at the same version, or an identical selection. */
function sameSource(a: CountedText, b: CountedText): boolean {
  if (a.kind !== b.kind || a.uri.toString() !== b.uri.toString()) return false;
  return a.kind === 'document' ? a.version === b.version : a.text === b.text;
}

/**
 * Characters as the core counts them (code points); for a large text its UTF-16 length, which is
 * known without reading the text (they differ only by the astral characters in it).
 */
function characters(source: CountedText): number {
  return source.length > LARGE_TEXT ? source.length : codePoints(source.text);
}
