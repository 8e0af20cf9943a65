import * as vscode from 'vscode';
import { Catalogue, loadBundledCatalogue } from '../core/pricing/catalogue';
import { PRICE_UPDATE_GUARD } from '../core/limits';
import { checkUpdateUrl, displayUrl, evaluateUpdate, fetchPricingUpdate, type FetchLike, type UpdateResult } from '../core/pricing/update';
import type { ProblemReporter } from './problems';

/**
 * Opt-in price updates. Off by default: nothing touches the network unless the user turns on
 * `tokenSpend.priceUpdates.enabled` and sets `tokenSpend.priceUpdates.url` (both user-level
 * settings, so a workspace cannot switch them on). An accepted update is stored in the
 * extension's global storage and re-applied at the next start, unless the bundled prices have
 * become newer in the meantime. Failures keep the prices in use and say why, once.
 */

export const UPDATE_SETTINGS = { enabled: 'tokenSpend.priceUpdates.enabled', url: 'tokenSpend.priceUpdates.url' } as const;
const STORED_FILE = 'pricing-update.json';
const LAST_CHECK_KEY = 'tokenSpend.priceUpdates.lastCheck';
const LAST_RESULT_KEY = 'tokenSpend.priceUpdates.lastResult';
const CHECK_EVERY_MS = 24 * 60 * 60 * 1000;
const PROBLEM_GROUP = 'priceUpdates';

export interface PriceUpdateStatus {
  enabled: boolean;
  /** The address as shown to the user (no query string). */
  url?: string;
  /** Date (`updated`) of the prices in use, and whether they come from a downloaded update. */
  inUse: { updated: string; fromUpdate: boolean };
  lastCheck?: { at: string; status: UpdateResult['status']; message: string };
}

export interface PriceUpdateOptions {
  /** Injected for tests; default: the global fetch of the extension host. */
  fetch?: FetchLike;
  /** Delay before the first background check, so start-up is never slowed. Default 20 s. */
  firstCheckDelayMs?: number;
  /** The clock, for tests. */
  now?: () => Date;
}

export class PriceUpdates implements vscode.Disposable {
  /** Loaded on first use, like the rest of the pricing: never during activation. */
  private current: Catalogue | undefined;
  private fromUpdate = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<UpdateResult | undefined> | undefined;
  private readonly emitter = new vscode.EventEmitter<Catalogue>();
  private readonly subscription: vscode.Disposable;
  /** Fires when the base prices change (an update accepted or dropped). */
  readonly onDidChangeBase = this.emitter.event;
  /** Settles once a stored update has been re-applied (or found missing or outdated). */
  readonly ready: Promise<void>;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly problems: ProblemReporter,
    private readonly options: PriceUpdateOptions = {},
  ) {
    this.ready = this.restore().catch((err: unknown) => {
      problems.output.warn(`price update: could not re-apply the stored update: ${err instanceof Error ? err.message : String(err)}`);
    });
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(UPDATE_SETTINGS.enabled) || e.affectsConfiguration(UPDATE_SETTINGS.url)) {
        void this.context.globalState.update(LAST_CHECK_KEY, undefined);
        this.schedule(1000);
      }
    });
    this.schedule(options.firstCheckDelayMs ?? 20_000);
  }

  /** The prices every overlay is layered over: bundled, or the accepted update merged over them. */
  base(): Catalogue {
    this.current ??= loadBundledCatalogue();
    return this.current;
  }

  status(): PriceUpdateStatus {
    const { enabled, url } = this.settings();
    const shownUrl = url && checkUpdateUrl(url).ok ? displayUrl(url) : url || undefined;
    return {
      enabled,
      url: shownUrl,
      inUse: { updated: this.base().data.updated, fromUpdate: this.fromUpdate },
      lastCheck: this.context.globalState.get<PriceUpdateStatus['lastCheck']>(LAST_RESULT_KEY),
    };
  }

  /**
   * Checks for an update now. `interactive` (the command) also reports success and "nothing new"
   * and works when updates are off only to say how to turn them on.
   */
  async checkNow(interactive = false): Promise<UpdateResult | undefined> {
    const { enabled, url } = this.settings();
    if (!enabled || !url) {
      if (interactive) {
        const open = vscode.l10n.t('Open Settings');
        // Not awaited: the command returns at once, the notification stays until the user acts.
        void vscode.window
          .showInformationMessage(
            vscode.l10n.t(
              'Price updates are off. Turn on {0} and set {1} to a pricing file address to use them.',
              UPDATE_SETTINGS.enabled,
              UPDATE_SETTINGS.url,
            ),
            open,
          )
          .then((picked) => {
            if (picked === open) void vscode.commands.executeCommand('workbench.action.openSettings', 'tokenSpend.priceUpdates');
          });
      }
      return undefined;
    }
    this.running ??= this.runCheck(url).finally(() => {
      this.running = undefined;
    });
    const result = await this.running;
    if (interactive && result) {
      if (result.status === 'accepted') {
        void vscode.window.showInformationMessage(
          vscode.l10n.t(
            'Token Spend prices updated to {0}: {1} models added, {2} re-priced.',
            result.file.updated,
            result.summary.added.length,
            result.summary.replaced.length,
          ),
        );
      } else if (result.status === 'not-newer') {
        void vscode.window.showInformationMessage(vscode.l10n.t('Token Spend prices are up to date ({0}).', this.base().data.updated));
      }
    }
    return result;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private settings(): { enabled: boolean; url: string } {
    const config = vscode.workspace.getConfiguration();
    const enabled = config.get<unknown>(UPDATE_SETTINGS.enabled) === true;
    const url = config.get<unknown>(UPDATE_SETTINGS.url);
    return { enabled, url: typeof url === 'string' ? url.trim() : '' };
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const { enabled, url } = this.settings();
    if (!enabled || !url) return;
    const last = this.context.globalState.get<number>(LAST_CHECK_KEY) ?? 0;
    const due = Math.max(delayMs, last + CHECK_EVERY_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.checkNow(false).finally(() => this.schedule(CHECK_EVERY_MS));
    }, due);
    // A pending check never keeps a process alive (the CLI-free tests, a closing extension host).
    (this.timer as { unref?: () => void }).unref?.();
  }

  private storedUri(): vscode.Uri {
    return vscode.Uri.joinPath(this.context.globalStorageUri, STORED_FILE);
  }

  /** Re-applies the update accepted in an earlier session, if it is still newer than the bundled prices. */
  private async restore(): Promise<void> {
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(this.storedUri());
    } catch {
      return; // no stored update
    }
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      json = undefined;
    }
    const decision = evaluateUpdate(loadBundledCatalogue().data, json, vscode.l10n.t('the stored price update'), this.now());
    if (decision.status === 'accepted') {
      this.setBase(new Catalogue(decision.file), true);
      this.problems.output.info(`price update: using the stored update dated ${decision.file.updated}`);
      return;
    }
    // Outdated by a newer bundled file (the extension was updated), or no longer valid: drop it.
    this.problems.output.info(`price update: the stored update is not used: ${decision.reason}`);
    await vscode.workspace.fs.delete(this.storedUri()).then(undefined, () => undefined);
  }

  private async runCheck(url: string): Promise<UpdateResult> {
    await this.ready;
    const fetchFn: FetchLike | undefined = this.options.fetch ?? (typeof globalThis.fetch === 'function' ? (u, init) => globalThis.fetch(u, init) : undefined);
    const result: UpdateResult = fetchFn
      ? await fetchPricingUpdate(this.base().data, url, { fetch: fetchFn, now: this.now() })
      : { status: 'failed', reason: 'this VS Code has no fetch API' };
    await this.context.globalState.update(LAST_CHECK_KEY, Date.now());
    if (result.status === 'accepted') {
      await vscode.workspace.fs.createDirectory(this.context.globalStorageUri);
      await vscode.workspace.fs.writeFile(this.storedUri(), new TextEncoder().encode(JSON.stringify(result.file)));
      this.setBase(new Catalogue(result.file), true);
      this.problems.forgetAllExcept(PROBLEM_GROUP, []);
      const message = `prices updated to ${result.file.updated}: ${result.summary.added.length} added, ${result.summary.replaced.length} re-priced, ${result.summary.keptNewer.length} kept (newer here)`;
      this.problems.output.info(`price update: ${message}`);
      await this.remember(result.status, message);
    } else if (result.status === 'not-newer') {
      this.problems.forgetAllExcept(PROBLEM_GROUP, []);
      this.problems.output.info(`price update: ${result.reason}`);
      await this.remember(result.status, result.reason);
    } else {
      const message = vscode.l10n.t(
        'Token Spend could not update prices: {0}. The prices dated {1} stay in use.',
        this.localReason(result),
        this.base().data.updated,
      );
      this.problems.forgetAllExcept(PROBLEM_GROUP, [message]);
      this.problems.report(PROBLEM_GROUP, message);
      await this.remember(result.status, result.reason);
    }
    return result;
  }

  /** An implausible update is explained in the user's language; other reasons are technical and stay English. */
  private localReason(result: Exclude<UpdateResult, { status: 'accepted' }>): string {
    const j = result.jumps;
    if (j?.extreme) {
      return vscode.l10n.t(
        'the update changes the price of {0} {1}-fold, more than the {2}-fold any real price change has been',
        j.extreme.id,
        Math.round(j.extreme.factor),
        PRICE_UPDATE_GUARD.maxFactor,
      );
    }
    if (j) {
      return vscode.l10n.t(
        'the update changes {0} of {1} prices more than {2}-fold or to or from free (at most {3}% may), so it looks broken',
        j.jumped,
        j.compared,
        PRICE_UPDATE_GUARD.jumpFactor,
        PRICE_UPDATE_GUARD.maxJumpShare * 100,
      );
    }
    return result.reason;
  }

  private async remember(status: UpdateResult['status'], message: string): Promise<void> {
    await this.context.globalState.update(LAST_RESULT_KEY, { at: this.now().toISOString(), status, message });
  }

  private setBase(catalogue: Catalogue, fromUpdate: boolean): void {
    this.current = catalogue;
    this.fromUpdate = fromUpdate;
    this.emitter.fire(catalogue);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

/** The one call the engine makes: starts price updates (a no-op on the network unless opted in). */
export function startPriceUpdates(context: vscode.ExtensionContext, problems: ProblemReporter, options?: PriceUpdateOptions): PriceUpdates {
  const updates = new PriceUpdates(context, problems, options);
  context.subscriptions.push(updates);
  return updates;
}
