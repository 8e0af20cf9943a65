import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { formatMoney } from '../../core/format/money';
import { localizer } from '../../core/l10n';
import { describeProblems } from '../../core/usage/report';
import type { BudgetLevel } from '../../core/usage/spendView';
import { USAGE_SOURCES } from '../../core/usage/types';
import { defaultLocations, type SourceLocation } from '../../node/usage/locations';
import { UsageWorkerClient } from '../../node/usage/client';
import type { SpendConfig } from '../../node/usage/protocol';
import type { SpendViewData } from '../../webview/spend/protocol';
import { uiLocale, type Services } from '../context';
import { parseSpendSettings, type SpendSettings } from './spendSettings';

/** A burst of log writes (an agent streaming an answer) becomes one rescan this long after the last write. */
export const RESCAN_DELAY_MS = 1500;
/** Watchers outside the workspace are not guaranteed on every platform: a cheap rescan this often catches what they miss. */
const POLL_MS = 60_000;
/** Let VS Code finish starting before the first scan. */
const FIRST_SCAN_DELAY_MS = 3000;
const DAYS_SHOWN = 30;

/**
 * Real spend in VS Code: reads the agents' logs on a worker thread (dist/usage-worker.js), keeps a
 * second status-bar item with today's and this month's spend, warns at 80% and 100% of the
 * budgets, and feeds the Spend view. Rescans are debounced and read only new bytes.
 */
export class SpendService implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly client: UsageWorkerClient;
  private readonly disposables: vscode.Disposable[] = [];
  private watchers: vscode.Disposable[] = [];
  private readonly emitter = new vscode.EventEmitter<SpendViewData | undefined>();
  readonly onDidChange = this.emitter.event;
  private settings: SpendSettings;
  private data: SpendViewData | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly poll: NodeJS.Timeout;
  private configured: Promise<void> | undefined;
  private readonly notified = new Set<string>();
  private readonly logged = new Set<string>();

  constructor(
    private readonly services: Services,
    private readonly context: vscode.ExtensionContext,
  ) {
    this.item = vscode.window.createStatusBarItem('tokenSpend.spend', vscode.StatusBarAlignment.Right, 99);
    this.item.name = vscode.l10n.t('Token Spend: agent spend');
    this.item.command = 'tokenSpend.showSpend';
    this.client = new UsageWorkerClient(join(context.extensionPath, 'dist', 'usage-worker.js'), (m) => services.problems.output.error(m));
    this.settings = this.readSettings();
    this.disposables.push(
      this.item,
      this.emitter,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('tokenSpend.usage') || e.affectsConfiguration('tokenSpend.currency') || e.affectsConfiguration('tokenSpend.exchangeRates'))
          this.reconfigure();
      }),
      services.pricing.onDidChange(() => this.reconfigure()),
    );
    this.poll = setInterval(() => this.schedule(0), POLL_MS);
    this.timer = setTimeout(() => this.reconfigure(), FIRST_SCAN_DELAY_MS);
  }

  /** The last data shown (undefined before the first scan finishes or when reading is off). */
  current(): SpendViewData | undefined {
    return this.data;
  }

  get enabled(): boolean {
    return this.settings.enabled;
  }

  /** Reads again now (the Refresh button, the command). */
  refresh(): Promise<SpendViewData | undefined> {
    return this.scan();
  }

  private readSettings(): SpendSettings {
    const config = vscode.workspace.getConfiguration('tokenSpend');
    const { settings, problems } = parseSpendSettings((key) => config.get(key));
    const messages = problems.map((p) => vscode.l10n.t('Setting {0} = {1} is invalid and the default is used instead.', `tokenSpend.${p.key}`, p.value));
    this.services.problems.forgetAllExcept('spendSettings', messages);
    for (const m of messages) this.services.problems.report('spendSettings', m);
    return settings;
  }

  private locations(): SourceLocation[] {
    const s = this.settings;
    // Our own globalStorage sits beside the Cline family's: covers portable installs and remote hosts.
    const ownStorage = dirname(this.context.globalStorageUri.fsPath);
    const defaults = defaultLocations(process.env, homedir(), process.platform, [ownStorage]).filter((l) => s.sources[l.source] && !s.paths[l.source]);
    const named = USAGE_SOURCES.flatMap((source) => (s.sources[source] ? (s.paths[source] ?? []).map((path) => ({ source, path, explicit: true })) : []));
    return [...defaults, ...named];
  }

  private reconfigure(): void {
    this.settings = this.readSettings();
    this.configured = this.configure();
    void this.configured.then(() => this.schedule(0));
  }

  private async configure(): Promise<void> {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    if (!this.settings.enabled) {
      this.item.hide();
      this.data = undefined;
      this.emitter.fire(undefined);
      return;
    }
    const catalogue = await this.services.pricing.catalogue();
    const general = this.services.settings.get();
    const locations = this.locations();
    const config: SpendConfig = {
      locations,
      pricing: catalogue.data,
      rates: this.services.pricing.exchangeRates(catalogue),
      currency: general.currency,
      region: this.settings.region === 'auto' ? (general.currency === 'CNY' ? 'cn' : 'intl') : this.settings.region,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      budgets: { daily: this.settings.dailyBudget, monthly: this.settings.monthlyBudget },
      days: DAYS_SHOWN,
    };
    this.client.configure(config);
    for (const loc of locations) {
      if (!existsSync(loc.path)) continue;
      const pattern = new vscode.RelativePattern(vscode.Uri.file(loc.path), '**/*.{jsonl,json}');
      const watcher = vscode.workspace.createFileSystemWatcher(pattern, false, false, false);
      const changed = () => this.schedule(RESCAN_DELAY_MS);
      this.watchers.push(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed));
    }
  }

  private schedule(delay: number): void {
    if (!this.settings.enabled || !this.configured) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.scan();
    }, delay);
  }

  private async scan(): Promise<SpendViewData | undefined> {
    if (!this.settings.enabled) return undefined;
    this.configured ??= this.configure();
    await this.configured;
    const locale = uiLocale();
    try {
      const result = await this.client.scan();
      const problems = describeProblems(result.problems, localizer(locale));
      for (const p of problems) {
        if (this.logged.has(p)) continue;
        this.logged.add(p);
        this.services.problems.output.warn(p);
      }
      this.data = { ...result.summary, locale, problems, scannedAt: Date.now(), scanMs: result.stats.ms };
      this.services.problems.output.info(
        `agent logs: ${result.stats.files} files, ${result.stats.filesRead} read (${Math.round(result.stats.bytesRead / 1024)} KB) in ${Math.round(result.stats.ms)} ms; ${result.records} requests`,
      );
      this.show(this.data);
      this.emitter.fire(this.data);
      return this.data;
    } catch (err) {
      this.services.problems.output.error(`agent logs could not be read: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  private show(d: SpendViewData): void {
    if (!this.settings.statusBar) {
      this.item.hide();
      return;
    }
    const money = (n: number) => formatMoney(n, d.currency, d.locale);
    const amount = (t: SpendViewData['todayTotals']) => money(t.pricedCost) + (t.unpricedTokens > 0 ? '+' : '');
    this.item.text = `$(pulse) ${vscode.l10n.t('today {0} · month {1}', amount(d.todayTotals), amount(d.monthTotals))}`;
    const worst: BudgetLevel =
      d.dailyLevel === 'exceeded' || d.monthlyLevel === 'exceeded' ? 'exceeded' : d.dailyLevel === 'warning' || d.monthlyLevel === 'warning' ? 'warning' : 'ok';
    this.item.backgroundColor =
      worst === 'exceeded'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : worst === 'warning'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    const tip = new vscode.MarkdownString(undefined, true);
    tip.isTrusted = { enabledCommands: ['tokenSpend.showSpend', 'workbench.action.openSettings'] };
    tip.supportThemeIcons = true;
    const line = (label: string, t: SpendViewData['todayTotals'], budget: number) =>
      `**${label}**: ${money(t.pricedCost)}` +
      (t.unpricedTokens > 0 ? ` ${vscode.l10n.t('(+ {0} tokens unpriced)', t.unpricedTokens.toLocaleString(d.locale === 'zh-cn' ? 'zh-CN' : 'en'))}` : '') +
      (budget > 0 ? ` · ${vscode.l10n.t('budget {0} ({1}%)', money(budget), Math.round((t.pricedCost / budget) * 100))}` : '');
    tip.appendMarkdown(
      `${line(vscode.l10n.t('Today'), d.todayTotals, d.budgets.daily)}  \n${line(vscode.l10n.t('This month'), d.monthTotals, d.budgets.monthly)}\n\n`,
    );
    tip.appendMarkdown(vscode.l10n.t('Read from the local logs of your coding agents; nothing leaves this machine.') + '\n\n');
    tip.appendMarkdown(
      `[$(graph) ${vscode.l10n.t('Open the Spend view')}](command:tokenSpend.showSpend) · [$(gear) ${vscode.l10n.t('Budgets and sources')}](command:workbench.action.openSettings?${encodeURIComponent(JSON.stringify(['tokenSpend.usage']))})`,
    );
    this.item.tooltip = tip;
    this.item.show();
    this.warnBudget('daily', d.today, d.dailyLevel, money(d.todayTotals.pricedCost), money(d.budgets.daily));
    this.warnBudget('monthly', d.month, d.monthlyLevel, money(d.monthTotals.pricedCost), money(d.budgets.monthly));
  }

  /** One notification per budget, period and level: 80% once, 100% once. */
  private warnBudget(which: 'daily' | 'monthly', period: string, level: BudgetLevel, spent: string, budget: string): void {
    if (level === 'ok') return;
    const id = `${which}:${period}:${level}`;
    if (this.notified.has(id)) return;
    this.notified.add(id);
    const message =
      which === 'daily'
        ? level === 'exceeded'
          ? vscode.l10n.t('Agent spend today is {0}: over the daily budget of {1}.', spent, budget)
          : vscode.l10n.t('Agent spend today is {0}: 80% of the daily budget of {1}.', spent, budget)
        : level === 'exceeded'
          ? vscode.l10n.t('Agent spend this month is {0}: over the monthly budget of {1}.', spent, budget)
          : vscode.l10n.t('Agent spend this month is {0}: 80% of the monthly budget of {1}.', spent, budget);
    this.services.problems.output.warn(message);
    const open = vscode.l10n.t('Open the Spend view');
    const show = level === 'exceeded' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    void show(message, open).then((picked) => {
      if (picked === open) void vscode.commands.executeCommand('tokenSpend.showSpend');
    });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    clearInterval(this.poll);
    for (const w of this.watchers) w.dispose();
    for (const d of this.disposables) d.dispose();
    this.client.dispose();
  }
}
