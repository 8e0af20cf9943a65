import { CURRENCY_CODES, type Currency } from '../core/pricing/schema';
import { DEFAULTS, LIMITS } from '../core/limits';

/**
 * The extension's settings after validation. Every field has a safe value even when the user's
 * setting is invalid; what was wrong is returned separately so it can be reported once.
 * This file is pure (no `vscode` import) so the rules can be read and checked on their own.
 */
export interface Settings {
  /** '' = not chosen: the default model is used. */
  modelId: string;
  currency: Currency;
  /** Units of each currency per 1 USD. */
  exchangeRates: Partial<Record<Currency, number>>;
  outputTokens: number;
  reasoningTokens: number;
  cachedShare: number;
  callsPerDay: number;
  vendorDiscounts: Record<string, number>;
  vendors: string[];
  statusBarShow: StatusBarShow;
  statusBarFormat: StatusBarFormat;
  pricingFile: string;
}

export const STATUS_BAR_SHOW = ['always', 'selection', 'never'] as const;
export type StatusBarShow = (typeof STATUS_BAR_SHOW)[number];
export const STATUS_BAR_FORMATS = ['tokensCostModel', 'tokensCost', 'tokens', 'cost'] as const;
export type StatusBarFormat = (typeof STATUS_BAR_FORMATS)[number];

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  modelId: '',
  currency: DEFAULTS.currency,
  exchangeRates: {},
  outputTokens: DEFAULTS.outputTokens,
  reasoningTokens: DEFAULTS.reasoningTokens,
  cachedShare: DEFAULTS.cachedShare,
  callsPerDay: DEFAULTS.callsPerDay,
  vendorDiscounts: {},
  vendors: [],
  statusBarShow: 'always',
  statusBarFormat: 'tokensCostModel',
  pricingFile: '',
});

/** Setting keys below `tokenSpend.`, mapped to the field they fill. */
export const SETTING_KEYS = {
  model: 'modelId',
  currency: 'currency',
  exchangeRates: 'exchangeRates',
  outputTokens: 'outputTokens',
  reasoningTokens: 'reasoningTokens',
  cachedShare: 'cachedShare',
  callsPerDay: 'callsPerDay',
  vendorDiscounts: 'vendorDiscounts',
  vendors: 'vendors',
  'statusBar.show': 'statusBarShow',
  'statusBar.format': 'statusBarFormat',
  pricingFile: 'pricingFile',
} as const satisfies Record<string, keyof Settings>;
export type SettingKey = keyof typeof SETTING_KEYS;

/** What is wrong with one setting; `expected` is a short phrase for the message. */
export interface SettingProblem {
  key: SettingKey;
  /** The offending value, as JSON, for the message. */
  value: string;
  expected: Expectation;
  /** For object settings: the entry that was dropped. */
  entry?: string;
}

export type Expectation =
  | { kind: 'oneOf'; options: readonly string[] }
  | { kind: 'number'; min: number; max: number; integer: boolean }
  | { kind: 'string' }
  | { kind: 'stringList' }
  | { kind: 'numberMap'; min: number; max: number; exclusiveMin?: boolean; keys?: readonly string[] };

/** Accepted exchange-rate overrides, units per 1 USD. */
export const MIN_RATE = LIMITS.exchangeRate.min;
export const MAX_RATE = LIMITS.exchangeRate.max;

function show(value: unknown): string {
  try {
    const s = JSON.stringify(value);
    return s === undefined ? String(value) : s.length > 80 ? s.slice(0, 77) + '…' : s;
  } catch {
    return String(value);
  }
}

/**
 * Validates raw setting values (as `WorkspaceConfiguration.get` returns them). Invalid values fall
 * back to the default; invalid entries of object settings are dropped one by one.
 */
/**
 * The display currency when the user never set tokenSpend.currency: CNY for a Simplified Chinese
 * display language (issue 15), otherwise the default (USD). Nothing is written to the settings.
 */
export function currencyWhenUnset(displayLanguage: string): Currency {
  const language = displayLanguage.toLowerCase();
  return language === 'zh-cn' || language.startsWith('zh-hans') ? 'CNY' : DEFAULT_SETTINGS.currency;
}

export function parseSettings(get: (key: SettingKey) => unknown): { settings: Settings; problems: SettingProblem[] } {
  const problems: SettingProblem[] = [];
  const s: Settings = { ...DEFAULT_SETTINGS, exchangeRates: {}, vendorDiscounts: {}, vendors: [] };

  const oneOf = <T extends string>(key: SettingKey, options: readonly T[], fallback: T): T => {
    const v = get(key);
    if (v === undefined || v === null) return fallback;
    if (typeof v === 'string' && (options as readonly string[]).includes(v)) return v as T;
    problems.push({ key, value: show(v), expected: { kind: 'oneOf', options } });
    return fallback;
  };
  const num = (key: SettingKey, min: number, max: number, integer: boolean, fallback: number): number => {
    const v = get(key);
    if (v === undefined || v === null) return fallback;
    if (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max && (!integer || Number.isInteger(v))) return v;
    problems.push({ key, value: show(v), expected: { kind: 'number', min, max, integer } });
    return fallback;
  };
  const str = (key: SettingKey): string => {
    const v = get(key);
    if (v === undefined || v === null) return '';
    if (typeof v === 'string') return v.trim();
    problems.push({ key, value: show(v), expected: { kind: 'string' } });
    return '';
  };
  type MapRule = { min: number; max: number; exclusiveMin?: boolean; keys?: readonly string[] };
  const numberMap = (key: SettingKey, rule: MapRule): Record<string, number> => {
    const { min, max, exclusiveMin, keys } = rule;
    const v = get(key);
    const out: Record<string, number> = {};
    if (v === undefined || v === null) return out;
    if (typeof v !== 'object' || Array.isArray(v)) {
      problems.push({ key, value: show(v), expected: { kind: 'numberMap', ...rule } });
      return out;
    }
    for (const [k, n] of Object.entries(v as Record<string, unknown>)) {
      const keyOk = !keys || keys.includes(k);
      const inRange = typeof n === 'number' && Number.isFinite(n) && (exclusiveMin ? n > min : n >= min) && n <= max;
      if (keyOk && inRange) out[k] = n;
      else problems.push({ key, value: show(n), entry: k, expected: { kind: 'numberMap', ...rule } });
    }
    return out;
  };

  s.modelId = str('model');
  s.currency = oneOf('currency', CURRENCY_CODES, DEFAULT_SETTINGS.currency);
  s.exchangeRates = numberMap('exchangeRates', { min: MIN_RATE, max: MAX_RATE, keys: CURRENCY_CODES }) as Partial<Record<Currency, number>>;
  if (s.exchangeRates.USD !== undefined && s.exchangeRates.USD !== 1) {
    problems.push({ key: 'exchangeRates', value: show(s.exchangeRates.USD), entry: 'USD', expected: { kind: 'numberMap', min: 1, max: 1 } });
    delete s.exchangeRates.USD;
  }
  const { tokensPerCall, cachedShare, callsPerDay, discountPercent } = LIMITS;
  s.outputTokens = num('outputTokens', tokensPerCall.min, tokensPerCall.max, true, DEFAULT_SETTINGS.outputTokens);
  s.reasoningTokens = num('reasoningTokens', tokensPerCall.min, tokensPerCall.max, true, DEFAULT_SETTINGS.reasoningTokens);
  s.cachedShare = num('cachedShare', cachedShare.min, cachedShare.max, false, DEFAULT_SETTINGS.cachedShare);
  s.callsPerDay = num('callsPerDay', callsPerDay.min, callsPerDay.max, false, DEFAULT_SETTINGS.callsPerDay);
  s.vendorDiscounts = numberMap('vendorDiscounts', discountPercent);
  const vendors = get('vendors');
  if (Array.isArray(vendors) && vendors.every((x) => typeof x === 'string')) s.vendors = [...new Set(vendors.map((x) => x.trim()).filter(Boolean))];
  else if (vendors !== undefined && vendors !== null) problems.push({ key: 'vendors', value: show(vendors), expected: { kind: 'stringList' } });
  s.statusBarShow = oneOf('statusBar.show', STATUS_BAR_SHOW, DEFAULT_SETTINGS.statusBarShow);
  s.statusBarFormat = oneOf('statusBar.format', STATUS_BAR_FORMATS, DEFAULT_SETTINGS.statusBarFormat);
  s.pricingFile = str('pricingFile');
  return { settings: s, problems };
}
