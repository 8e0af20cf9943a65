import * as vscode from 'vscode';
import { CURRENCY_CODES, type Currency } from '../core/pricing/schema';
import { comparisonToMarkdown } from '../core/report';
import { LIMITS } from '../core/limits';
import { COMMANDS, type CommandId } from './commandIds';
import { ComparisonPanel } from './comparisonPanel';
import { assumptionsFrom, currentModel, knownVendors, uiLocale, type Services } from './context';
import { pickModel, type PickedModel } from './modelPicker';
import { PricingSourcesPanel } from './pricingSources';
import type { StatusBarController } from './statusBar';
import { isCountable, isIgnoredPane, notCounted, textOf } from './textSource';

const CURRENCY_NAMES: Record<Currency, () => string> = {
  USD: () => vscode.l10n.t('US dollar'),
  CNY: () => vscode.l10n.t('Chinese yuan'),
  EUR: () => vscode.l10n.t('Euro'),
  GBP: () => vscode.l10n.t('Pound sterling'),
  JPY: () => vscode.l10n.t('Japanese yen'),
  HKD: () => vscode.l10n.t('Hong Kong dollar'),
};

/**
 * Every command of the palette. Commands that ask for a value also take it as an argument
 * (for command links and scripted use); a value given that way is validated like typed input.
 */
export function commandHandlers(
  services: Services,
  context: vscode.ExtensionContext,
  statusBar: () => StatusBarController,
): Map<CommandId, (...args: unknown[]) => unknown> {
  const { settings, pricing } = services;
  const handlers = new Map<CommandId, (...args: unknown[]) => unknown>();
  const register = (id: CommandId, run: (...args: unknown[]) => unknown) => handlers.set(id, run);

  const askNumber = async (opts: {
    arg: unknown;
    current: number;
    title: string;
    prompt: string;
    integer: boolean;
    max: number;
  }): Promise<number | undefined> => {
    const check = (raw: string): string | undefined => {
      const n = Number(raw.trim().replace(/[,_\s]/g, ''));
      if (raw.trim() === '' || !Number.isFinite(n) || n < 0 || n > opts.max)
        return vscode.l10n.t('Enter a number from 0 to {0}.', opts.max.toLocaleString('en'));
      if (opts.integer && !Number.isInteger(n)) return vscode.l10n.t('Enter a whole number.');
      return undefined;
    };
    if (opts.arg !== undefined) {
      const problem = check(String(opts.arg));
      if (problem) {
        void vscode.window.showErrorMessage(problem);
        return undefined;
      }
      return Number(String(opts.arg).replace(/[,_\s]/g, ''));
    }
    const typed = await vscode.window.showInputBox({ title: opts.title, prompt: opts.prompt, value: String(opts.current), validateInput: check });
    return typed === undefined ? undefined : Number(typed.trim().replace(/[,_\s]/g, ''));
  };

  const openComparison = (preferSelection: boolean) => {
    ComparisonPanel.show(services, context, preferSelection);
  };

  register(COMMANDS.selectModel, async (arg?: unknown) => {
    const catalogue = await pricing.catalogue();
    const current = currentModel(catalogue, settings.get(), services.problems);
    let chosen: PickedModel | undefined;
    if (typeof arg === 'string') {
      if (!catalogue.model(arg)) {
        void vscode.window.showErrorMessage(vscode.l10n.t('There is no model "{0}" in the pricing file.', arg));
        return;
      }
      chosen = { modelId: arg };
    } else {
      chosen = await pickModel(catalogue, current.id, uiLocale());
    }
    if (!chosen) return;
    // The gauge measures against the window the Language Model API states only for a model picked from the user's own.
    const windowChanged = services.pickedWindow.of(chosen.modelId) !== chosen.languageModelWindow;
    await services.pickedWindow.set(chosen.modelId, chosen.languageModelWindow);
    if (chosen.modelId !== settings.get().modelId) await settings.update('model', chosen.modelId);
    else if (!windowChanged) return;
    await statusBar().refresh();
  });
  register(COMMANDS.openComparison, () => openComparison(true));
  register(COMMANDS.compareSelection, () => openComparison(true));
  register(COMMANDS.setOutputTokens, async (arg?: unknown) => {
    const n = await askNumber({
      arg,
      current: settings.get().outputTokens,
      title: vscode.l10n.t('Token Spend: Expected Output Tokens'),
      prompt: vscode.l10n.t('Tokens you expect the model to answer with, per call.'),
      integer: true,
      max: LIMITS.tokensPerCall.max,
    });
    if (n === undefined) return;
    await settings.update('outputTokens', n);
    await statusBar().refresh();
  });
  register(COMMANDS.setCallsPerDay, async (arg?: unknown) => {
    const n = await askNumber({
      arg,
      current: settings.get().callsPerDay,
      title: vscode.l10n.t('Token Spend: Calls per Day'),
      prompt: vscode.l10n.t('How many calls a day, for the monthly projection (30 days).'),
      integer: false,
      max: LIMITS.callsPerDay.max,
    });
    if (n === undefined) return;
    await settings.update('callsPerDay', n);
    await statusBar().refresh();
  });
  register(COMMANDS.setCurrency, async (arg?: unknown) => {
    let chosen: Currency | undefined;
    if (arg !== undefined) {
      chosen = CURRENCY_CODES.find((c) => c === String(arg).toUpperCase());
      if (!chosen) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Unknown currency "{0}"; use one of {1}.', String(arg), CURRENCY_CODES.join(', ')));
        return;
      }
    } else {
      const current = settings.get().currency;
      const picked = await vscode.window.showQuickPick(
        CURRENCY_CODES.map((c) => ({ label: `${c === current ? '$(check) ' : ''}${c}`, description: CURRENCY_NAMES[c](), code: c })),
        { title: vscode.l10n.t('Token Spend: Currency'), placeHolder: vscode.l10n.t('Currency that costs are shown in') },
      );
      chosen = picked?.code;
    }
    if (!chosen) return;
    await settings.update('currency', chosen);
    await statusBar().refresh();
  });
  register(COMMANDS.copyReport, async () => {
    const panel = ComparisonPanel.instance;
    let comparison = panel?.lastComparison();
    if (!comparison) {
      const editor = vscode.window.activeTextEditor;
      if (!isCountable(editor)) {
        // An editor whose text is not counted (binary, too large) gets the reason, not "open an editor".
        const reason = editor && !isIgnoredPane(editor) ? notCounted(editor) : undefined;
        void vscode.window.showInformationMessage(
          reason
            ? vscode.l10n.t('No cost report: {0}', reason.text.replace(/^\$\([\w-]+\)\s*/, ''))
            : vscode.l10n.t('Open a text editor to make a cost report of its selection or document.'),
        );
        return;
      }
      const s = settings.get();
      const catalogue = await pricing.catalogue();
      const model = currentModel(catalogue, s, services.problems);
      comparison = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Token Spend: counting…') }, () =>
        services.counts.compare(textOf(editor).text, catalogue, assumptionsFrom(s), {
          currentModelId: model.id,
          vendors: knownVendors(catalogue, s, services.problems),
          exchangeRates: pricing.exchangeRates(catalogue),
        }),
      );
    }
    await vscode.env.clipboard.writeText(comparisonToMarkdown(comparison, uiLocale()));
    void vscode.window.showInformationMessage(vscode.l10n.t('Copied a cost report of {0} models to the clipboard.', comparison.rows.length));
  });
  register(COMMANDS.showPricingSources, () => {
    PricingSourcesPanel.show(services, context.extensionUri);
  });
  register(COMMANDS.reloadPricing, async () => {
    const catalogue = await pricing.reload();
    const files = pricing.overlayFiles().filter((f) => f.status === 'applied');
    void vscode.window.showInformationMessage(
      files.length
        ? vscode.l10n.t('Pricing reloaded: {0} models, with {1}.', catalogue.models.length, files.map((f) => f.label).join(', '))
        : vscode.l10n.t('Pricing reloaded: {0} models.', catalogue.models.length),
    );
  });
  // Checks the update address now; when updates are off it only says how to turn them on (no request).
  register(COMMANDS.updatePricing, () =>
    services.updates.status().enabled
      ? vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Token Spend: checking for price updates…') }, () =>
          services.updates.checkNow(true),
        )
      : services.updates.checkNow(true),
  );
  return handlers;
}
