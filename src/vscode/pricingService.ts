import * as vscode from 'vscode';
import { applyOverlay, loadBundledCatalogue, type Catalogue, type PricingError } from '../core/pricing/catalogue';
import { withRateOverrides } from '../core/cost';
import { pricingErrorInFile } from '../core/pricing/errorText';
import { parsePricingJson } from '../core/pricing/jsonText';
import { CLI_INPUT_LIMITS } from '../core/limits';
import type { Currency, ExchangeRates } from '../core/pricing/schema';
import type { ProblemReporter } from './problems';
import type { SettingsService } from './settings';

export const WORKSPACE_PRICING_FILE = '.vscode/token-spend-pricing.json';

/** Where the base prices come from: the bundled file, or an accepted price update merged over it (see priceUpdates.ts). */
export interface BasePrices {
  base(): Catalogue;
  readonly onDidChangeBase: vscode.Event<unknown>;
  /** Settles once a stored update has been re-applied, so the first load already uses it. */
  readonly ready?: Promise<void>;
}

export type OverlayStatus = 'applied' | 'invalid' | 'missing' | 'untrusted';

export interface OverlayFile {
  uri: vscode.Uri;
  /** How the file is named in messages: workspace-relative where possible. */
  label: string;
  status: OverlayStatus;
  errors: PricingError[];
}

/**
 * The catalogue in use: the bundled prices (or an accepted price update), then the workspace pricing file(s), then the custom
 * pricing file of the settings. Loaded on first use, never during activation; overlay problems
 * are reported once, naming the file and the JSON path.
 */
export class PricingService implements vscode.Disposable {
  private loaded: Promise<Catalogue> | undefined;
  private files: OverlayFile[] = [];
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];
  readonly onDidChange = this.emitter.event;

  constructor(
    private readonly settings: SettingsService,
    private readonly problems: ProblemReporter,
    private readonly basePrices?: BasePrices,
  ) {
    // An accepted price update re-prices everything at once, overlays included.
    if (basePrices) this.disposables.push(basePrices.onDidChangeBase(() => this.invalidate()));
    const watcher = vscode.workspace.createFileSystemWatcher('**/' + WORKSPACE_PRICING_FILE);
    const changed = () => this.invalidate();
    this.disposables.push(
      watcher,
      watcher.onDidChange(changed),
      watcher.onDidCreate(changed),
      watcher.onDidDelete(changed),
      vscode.workspace.onDidGrantWorkspaceTrust(changed),
      vscode.workspace.onDidChangeWorkspaceFolders(changed),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (this.files.some((f) => f.uri.toString() === doc.uri.toString())) changed();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('tokenSpend.pricingFile')) changed();
      }),
    );
  }

  /** The catalogue with every overlay applied (exchange-rate overrides are separate: see `exchangeRates`). */
  catalogue(): Promise<Catalogue> {
    this.loaded ??= this.load();
    return this.loaded;
  }

  /** Overlay files found at the last load, for "Show pricing sources". */
  overlayFiles(): readonly OverlayFile[] {
    return this.files;
  }

  /** The catalogue's rates with the user's overrides from the settings (units per 1 USD). */
  exchangeRates(catalogue: Catalogue): ExchangeRates {
    const overrides = this.settings.get().exchangeRates;
    if (!Object.keys(overrides).length) return catalogue.exchangeRates;
    const table = rebaseToUsd(catalogue.exchangeRates);
    return withRateOverrides(table, overrides, vscode.l10n.t('rates from the setting tokenSpend.exchangeRates'));
  }

  /** Forgets the loaded catalogue; the next use reloads bundled and overlay files. */
  invalidate(): void {
    this.loaded = undefined;
    this.emitter.fire();
  }

  async reload(): Promise<Catalogue> {
    this.loaded = undefined;
    const catalogue = await this.catalogue();
    this.emitter.fire();
    return catalogue;
  }

  private async load(): Promise<Catalogue> {
    await this.basePrices?.ready;
    let catalogue = this.basePrices ? this.basePrices.base() : loadBundledCatalogue();
    const files: OverlayFile[] = [];
    for (const candidate of this.overlayCandidates()) {
      const file: OverlayFile = { uri: candidate.uri, label: candidate.label, status: 'applied', errors: [] };
      files.push(file);
      if (!vscode.workspace.isTrusted && candidate.fromWorkspace) {
        file.status = 'untrusted';
        continue;
      }
      if (candidate.unresolved) {
        file.status = 'invalid';
        file.errors = [
          { file: candidate.label, path: '(file)', message: vscode.l10n.t('a relative path needs an open workspace folder; use an absolute path') },
        ];
        continue;
      }
      const json = await readJson(candidate.uri, candidate.label);
      if (json === undefined) {
        file.status = candidate.required ? 'invalid' : 'missing';
        if (candidate.required) file.errors = [{ file: candidate.label, path: '(file)', message: vscode.l10n.t('the file does not exist or cannot be read') }];
        continue;
      }
      if ('errors' in json) {
        file.status = 'invalid';
        file.errors = json.errors;
        continue;
      }
      const result = applyOverlay(catalogue, json.value, candidate.label);
      if (result.errors.length) {
        file.status = 'invalid';
        file.errors = result.errors;
      } else {
        catalogue = result.catalogue;
      }
    }
    this.files = files;
    this.reportErrors(files);
    return catalogue;
  }

  private reportErrors(files: OverlayFile[]): void {
    const messages: string[] = [];
    const locale = vscode.env?.language?.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
    for (const f of files) {
      if (!f.errors.length) continue;
      const shown = f.errors
        .slice(0, 3)
        .map((e) => pricingErrorInFile(e, locale))
        .join(' ');
      const more = f.errors.length > 3 ? ' ' + vscode.l10n.t('(and {0} more, listed in the Token Spend output)', f.errors.length - 3) : '';
      messages.push(vscode.l10n.t('Pricing file {0} was not applied: {1}{2}', f.label, shown, more));
      for (const e of f.errors) this.problems.output.warn(`${e.file} ${e.path}: ${e.message}`);
    }
    this.problems.forgetAllExcept('pricing', messages);
    for (const m of messages) {
      const file = files.find((f) => m.includes(f.label));
      this.problems.report('pricing', m, file ? [{ title: vscode.l10n.t('Open File'), run: () => void vscode.window.showTextDocument(file.uri) }] : []);
    }
  }

  /** Overlay problems of the last load, already worded for the user (for the panel). */
  problemsForDisplay(): string[] {
    return this.files.filter((f) => f.errors.length).map((f) => vscode.l10n.t('Pricing file {0} was not applied ({1} problems).', f.label, f.errors.length));
  }

  private overlayCandidates(): { uri: vscode.Uri; label: string; fromWorkspace: boolean; required: boolean; unresolved?: boolean }[] {
    const out: { uri: vscode.Uri; label: string; fromWorkspace: boolean; required: boolean; unresolved?: boolean }[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const uri = vscode.Uri.joinPath(folder.uri, WORKSPACE_PRICING_FILE);
      out.push({
        uri,
        label: vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1),
        fromWorkspace: true,
        required: false,
      });
    }
    const custom = this.settings.get().pricingFile;
    if (custom) {
      const resolved = resolvePath(custom);
      if (resolved) out.push({ uri: resolved.uri, label: custom, fromWorkspace: resolved.relative, required: true });
      // A relative path with no folder open has nothing to be relative to: say so rather than ignore it.
      else out.push({ uri: vscode.Uri.file(custom), label: custom, fromWorkspace: false, required: true, unresolved: true });
    }
    return out;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.emitter.dispose();
  }
}

function resolvePath(path: string): { uri: vscode.Uri; relative: boolean } | undefined {
  const expanded = path.startsWith('~/') && process.env.HOME ? process.env.HOME + path.slice(1) : path;
  if (/^[a-zA-Z]:[\\/]/.test(expanded) || expanded.startsWith('/') || expanded.startsWith('\\\\')) return { uri: vscode.Uri.file(expanded), relative: false };
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? { uri: vscode.Uri.joinPath(folder.uri, expanded), relative: true } : undefined;
}

async function readJson(uri: vscode.Uri, label: string): Promise<{ value: unknown } | { errors: PricingError[] } | undefined> {
  let bytes: Uint8Array;
  try {
    // Bounded: a 100 MB file, or a link to /dev/zero, must not be read whole into the extension host.
    const { size, type } = await vscode.workspace.fs.stat(uri);
    if (type & vscode.FileType.Directory) return undefined; // "does not exist or cannot be read", as before
    if (!(type & vscode.FileType.File)) return { errors: [{ file: label, path: '(file)', message: vscode.l10n.t('not a regular file') }] };
    if (size > CLI_INPUT_LIMITS.bytes) {
      const mb = (n: number) => (n / 1e6).toLocaleString('en', { maximumFractionDigits: 1 });
      return {
        errors: [
          {
            file: label,
            path: '(file)',
            message: vscode.l10n.t('the file is {0} MB, more than the {1} MB a pricing file may have', mb(size), mb(CLI_INPUT_LIMITS.bytes)),
          },
        ],
      };
    }
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch {
    return undefined;
  }
  const parsed = parsePricingJson(new TextDecoder('utf-8').decode(bytes), label);
  return 'errors' in parsed ? { errors: parsed.errors } : { value: parsed.value };
}

/** The same table expressed per 1 USD, so user overrides (per 1 USD) can be merged into it. */
function rebaseToUsd(table: ExchangeRates): ExchangeRates {
  if (table.base === 'USD') return table;
  const usd = table.rates.USD;
  if (!usd) return { ...table, base: 'USD', rates: { USD: 1 } };
  const rates: Partial<Record<Currency, number>> = { USD: 1 };
  rates[table.base] = 1 / usd;
  for (const [c, v] of Object.entries(table.rates) as [Currency, number][]) if (c !== 'USD') rates[c] = v / usd;
  return { ...table, base: 'USD', rates };
}
