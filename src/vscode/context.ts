import * as vscode from 'vscode';
import { defaultModel } from '../core/defaults';
import { findModel, nearModelIds, type Catalogue } from '../core/pricing/catalogue';
import type { Model } from '../core/pricing/schema';
import type { Assumptions } from '../core/types';
import type { AlwaysSentService } from './alwaysSent';
import type { CountService } from './countService';
import type { PriceUpdates } from './priceUpdates';
import type { PricingService } from './pricingService';
import type { PickedWindow } from './pickedWindow';
import type { ProblemReporter } from './problems';
import type { SettingsService } from './settings';
import type { Settings } from './settingsSchema';

/** The services every front-end part shares; built once in activate() without doing any work. */
export interface Services {
  settings: SettingsService;
  pricing: PricingService;
  counts: CountService;
  problems: ProblemReporter;
  /** Opt-in price updates (off by default: no network). */
  updates: PriceUpdates;
  /** The Language Model API's window for a model picked from the user's own models. */
  pickedWindow: PickedWindow;
  /** The instruction files agents send with every request (absent where nothing needs them). */
  alwaysSent?: AlwaysSentService;
}

/** UI language for reports, the panel and number formatting. */
export function uiLocale(): 'en' | 'zh-cn' {
  return vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}

/** The model of the settings; an unknown id is reported once and the default model used instead. */
export function currentModel(catalogue: Catalogue, s: Settings, problems: ProblemReporter): Model {
  const fallback = defaultModel(catalogue);
  if (!fallback) throw new Error(vscode.l10n.t('The pricing catalogue has no models.'));
  if (!s.modelId) {
    problems.forgetAllExcept('model', []);
    return fallback;
  }
  const found = findModel(catalogue, s.modelId);
  if (found) {
    problems.forgetAllExcept('model', []);
    return found;
  }
  const near = nearModelIds(catalogue, s.modelId);
  const message = near.length
    ? vscode.l10n.t(
        'Setting tokenSpend.model: there is no model "{0}" in the pricing file (did you mean {1}?); using {2} instead.',
        s.modelId,
        near.join(', '),
        fallback.name,
      )
    : vscode.l10n.t('Setting tokenSpend.model: there is no model "{0}" in the pricing file; using {1} instead.', s.modelId, fallback.name);
  problems.forgetAllExcept('model', [message]);
  problems.report('model', message, [{ title: vscode.l10n.t('Select Model'), run: () => void vscode.commands.executeCommand('tokenSpend.selectModel') }]);
  return fallback;
}

/** Assumptions from the settings, priced for `at`. */
export function assumptionsFrom(s: Settings, at = new Date()): Assumptions {
  return {
    outputTokens: s.outputTokens,
    reasoningTokens: s.reasoningTokens,
    cachedShare: s.cachedShare,
    callsPerDay: s.callsPerDay,
    batch: false,
    at,
    vendorDiscounts: s.vendorDiscounts,
    currency: s.currency,
  };
}

/** Vendor ids of the setting that the catalogue knows; unknown ones are reported once and skipped. */
export function knownVendors(catalogue: Catalogue, s: Settings, problems: ProblemReporter): string[] | undefined {
  if (!s.vendors.length) return undefined;
  const known = s.vendors.filter((v) => catalogue.vendor(v.toLowerCase()));
  const unknown = s.vendors.filter((v) => !catalogue.vendor(v.toLowerCase()));
  const messages = unknown.length ? [unknownVendorsMessage(unknown, catalogue)] : [];
  problems.forgetAllExcept('vendors', messages);
  for (const m of messages) problems.report('vendors', m);
  return known.length ? known.map((v) => v.toLowerCase()) : undefined;
}

function unknownVendorsMessage(unknown: string[], catalogue: Catalogue): string {
  return vscode.l10n.t(
    'Setting tokenSpend.vendors: unknown vendor id(s) {0} are ignored; known ids: {1}.',
    unknown.join(', '),
    catalogue.vendors.map((v) => v.id).join(', '),
  );
}
