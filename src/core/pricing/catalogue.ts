import { appendAll, minOf } from '../extremes';
import type { z } from 'zod';
import bundledPricing from '../../../pricing/pricing.json';
import {
  PricingFileSchema,
  PricingOverlaySchema,
  type ExchangeRates,
  type Model,
  type Plan,
  type PricingFile,
  type PricingOverlay,
  type Vendor,
} from './schema';

/** One problem in a pricing file, located precisely enough for a user to fix it. */
export interface PricingError {
  file: string;
  /** JSON path inside the file, e.g. `models[3].price.rates.input`. */
  path: string;
  message: string;
  /** What the schema expected, for wording the problem in plain words (see pricing/errorText.ts). */
  detail?: PricingErrorDetail;
}

/** The schema's complaint in structured form; absent for checks worded by hand. */
export type PricingErrorDetail =
  | { kind: 'values'; values: string[] }
  | { kind: 'type'; expected: string; received?: string }
  | { kind: 'range'; origin: string; bound: 'min' | 'max'; limit: number; inclusive: boolean }
  | { kind: 'unknownKeys'; keys: string[] }
  | { kind: 'format'; format: string }
  /** A key written twice in one object (pricing/jsonText.ts). */
  | { kind: 'duplicateKey'; key: string }
  /** Not JSON: where and why (pricing/jsonText.ts). */
  | { kind: 'syntax'; reason: 'empty' | 'comment' | 'trailingComma' | 'other' | 'noPosition'; line: number; column: number; text: string };

function issueDetail(issue: z.core.$ZodIssue): PricingErrorDetail | undefined {
  switch (issue.code) {
    case 'invalid_value':
      return { kind: 'values', values: issue.values.map((v) => JSON.stringify(v)) };
    case 'invalid_type': {
      const received = /received (\w+)/.exec(issue.message)?.[1];
      return { kind: 'type', expected: issue.expected, ...(received ? { received } : {}) };
    }
    case 'too_small':
    case 'too_big': {
      const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      const bound = issue.code === 'too_small' ? 'min' : 'max';
      return { kind: 'range', origin: String(issue.origin), bound, limit, inclusive: issue.inclusive ?? true };
    }
    case 'unrecognized_keys':
      return { kind: 'unknownKeys', keys: issue.keys };
    case 'invalid_format':
      return { kind: 'format', format: issue.format };
    default:
      return undefined;
  }
}

/** Name of the pricing file bundled into the extension and the CLI. */
export const BUNDLED_PRICING_FILE = 'pricing/pricing.json';

/**
 * A validated pricing file with id lookups. Immutable: overlays build a new catalogue.
 */
export class Catalogue {
  readonly models: Model[];
  readonly vendors: Vendor[];
  readonly plans: Plan[];
  /** Dated exchange-rate table; empty `rates` when the file carries none (then only same-currency prices can be shown). */
  exchangeRates: ExchangeRates;
  /** Ids of models whose definition or price came from a user overlay rather than the bundled file. */
  readonly overlaid: ReadonlySet<string>;
  private readonly modelsById: Map<string, Model>;
  private readonly vendorsById: Map<string, Vendor>;

  constructor(
    readonly data: PricingFile,
    overlaid: Iterable<string> = [],
  ) {
    this.models = data.models;
    this.vendors = data.vendors;
    this.plans = data.plans;
    this.exchangeRates = data.exchangeRates ?? {
      base: 'USD',
      date: data.updated,
      source: 'the pricing file has no exchange-rate table',
      rates: {},
    };
    this.overlaid = new Set(overlaid);
    this.modelsById = new Map(data.models.map((m) => [m.id, m]));
    this.vendorsById = new Map(data.vendors.map((v) => [v.id, v]));
  }

  model(id: string): Model | undefined {
    return this.modelsById.get(id);
  }

  vendor(id: string): Vendor | undefined {
    return this.vendorsById.get(id);
  }
}

/** Formats a zod path the way a person reads JSON: `models[3].price.rates.input`. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out || '(root)';
}

/**
 * A union ("a price or an unpriced reason") fails as a whole; report the branch the author
 * evidently meant (fewest problems, not one whose keys are all foreign) so the path points at
 * the bad field, e.g. `rates.input`, rather than at the whole price.
 */
function unionBranchIssues(issue: z.core.$ZodIssueInvalidUnion): z.core.$ZodIssue[] | undefined {
  const branches = issue.errors.filter((b) => b.length > 0);
  if (!branches.length) return undefined;
  // A union of literals (`per`: 1000 or 1000000) has no branch the author "meant": list them all.
  const literals = branches.every((b) => b.length === 1 && b[0].code === 'invalid_value' && b[0].path.length === 0);
  if (literals) {
    const values = branches.flatMap((b) => (b[0] as z.core.$ZodIssueInvalidValue).values.map((v) => JSON.stringify(v)));
    const all = branches.flatMap((b) => (b[0] as z.core.$ZodIssueInvalidValue).values);
    return [{ ...(branches[0][0] as z.core.$ZodIssueInvalidValue), values: all, path: issue.path, message: `Invalid input: expected ${values.join(' or ')}` }];
  }
  const score = (b: z.core.$ZodIssue[]) => b.length + (b.some((i) => i.code === 'unrecognized_keys' && i.path.length === 0) ? 100 : 0);
  const best = branches.reduce((a, b) => (score(b) < score(a) ? b : a));
  return best.map((i) => ({ ...i, path: [...issue.path, ...i.path] }));
}

function issuesToErrors(issues: readonly z.core.$ZodIssue[], file: string): PricingError[] {
  return issues.flatMap((issue) => {
    const inner = issue.code === 'invalid_union' ? unionBranchIssues(issue) : undefined;
    if (inner) return issuesToErrors(inner, file);
    const detail = issueDetail(issue);
    return [{ file, path: formatJsonPath(issue.path), message: issue.message, ...(detail ? { detail } : {}) }];
  });
}

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Checks the schema cannot express: time zones must be ones the runtime knows. */
function priceErrors(price: Model['price'], file: string, path: string): PricingError[] {
  if (!('rates' in price)) return [];
  return (price.timeWindows ?? []).flatMap((w, j) =>
    isValidTimeZone(w.timezone) ? [] : [{ file, path: `${path}.timeWindows[${j}].timezone`, message: `unknown IANA time zone "${w.timezone}"` }],
  );
}

function semanticErrors(models: readonly Model[], file: string, pathOf: (index: number) => string): PricingError[] {
  return models.flatMap((model, i) => priceErrors(model.price, file, `${pathOf(i)}.price`));
}

/** Validates a whole pricing file. On any error no catalogue is returned. */
export function parsePricingFile(json: unknown, fileName: string): { catalogue?: Catalogue; errors: PricingError[] } {
  const parsed = PricingFileSchema.safeParse(json);
  if (!parsed.success) return { errors: issuesToErrors(parsed.error.issues, fileName) };
  const errors = semanticErrors(parsed.data.models, fileName, (i) => `models[${i}]`);
  if (errors.length) return { errors };
  return { catalogue: new Catalogue(parsed.data), errors: [] };
}

let bundled: Catalogue | undefined;

/** The catalogue shipped with the extension. Throws if the bundled file is invalid (a build defect). */
export function loadBundledCatalogue(): Catalogue {
  if (bundled) return bundled;
  const { catalogue, errors } = parsePricingFile(bundledPricing, BUNDLED_PRICING_FILE);
  if (!catalogue) {
    const lines = errors.map((e) => `  ${e.path}: ${e.message}`).join('\n');
    throw new Error(`the bundled ${BUNDLED_PRICING_FILE} is invalid:\n${lines}`);
  }
  bundled = catalogue;
  return catalogue;
}

/** Reference checks an overlay needs against the catalogue it extends. */
function overlayReferenceErrors(base: Catalogue, overlay: PricingOverlay, file: string): PricingError[] {
  const errors: PricingError[] = [];
  // Same id twice in one overlay: report it inside the overlay, not at its merged position.
  const duplicates = (ids: string[], key: string, what: string) => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) errors.push({ file, path: `${key}[${i}].id`, message: `duplicate ${what} "${id}" (already at an earlier index of "${key}")` });
      seen.add(id);
    });
  };
  duplicates(
    (overlay.vendors ?? []).map((v) => v.id),
    'vendors',
    'vendor id',
  );
  duplicates(
    (overlay.models ?? []).map((m) => m.id),
    'models',
    'model id',
  );
  duplicates(
    (overlay.plans ?? []).map((p) => p.id),
    'plans',
    'plan id',
  );
  const vendorIds = new Set([...base.vendors.map((v) => v.id), ...(overlay.vendors ?? []).map((v) => v.id)]);
  const modelIds = new Set([...base.models.map((m) => m.id), ...(overlay.models ?? []).map((m) => m.id)]);
  overlay.models?.forEach((m, i) => {
    if (!vendorIds.has(m.vendor)) {
      errors.push({ file, path: `models[${i}].vendor`, message: `unknown vendor "${m.vendor}"; add it to "vendors"` });
    }
    if (m.maxOutput > m.contextWindow) {
      errors.push({ file, path: `models[${i}].maxOutput`, message: 'maxOutput is larger than contextWindow' });
    }
  });
  for (const id of Object.keys(overlay.priceOverrides ?? {})) {
    if (!modelIds.has(id)) {
      errors.push({ file, path: formatJsonPath(['priceOverrides', id]), message: `no model with id "${id}" to override` });
    }
  }
  overlay.plans?.forEach((p, i) => {
    if (!vendorIds.has(p.vendor)) errors.push({ file, path: `plans[${i}].vendor`, message: `unknown vendor "${p.vendor}"` });
    p.models?.forEach((id, j) => {
      if (!modelIds.has(id)) errors.push({ file, path: `plans[${i}].models[${j}]`, message: `unknown model "${id}"` });
    });
  });
  appendAll(
    errors,
    semanticErrors(overlay.models ?? [], file, (i) => `models[${i}]`),
  );
  for (const [id, price] of Object.entries(overlay.priceOverrides ?? {})) {
    appendAll(errors, priceErrors(price, file, formatJsonPath(['priceOverrides', id])));
  }
  return errors;
}

/** Replaces items with the same id, appends new ones, keeping the base order. */
function mergeById<T extends { id: string }>(base: readonly T[], extra: readonly T[] | undefined): T[] {
  if (!extra?.length) return [...base];
  const replacements = new Map(extra.map((x) => [x.id, x]));
  const merged = base.map((x) => replacements.get(x.id) ?? x);
  const known = new Set(base.map((x) => x.id));
  return [...merged, ...extra.filter((x) => !known.has(x.id))];
}

/**
 * Merges two exchange-rate tables currency by currency: `extra`'s rates win, currencies only
 * `base` has are kept (converted to `extra`'s base currency when the bases differ).
 */
export function mergeExchangeTables(base: ExchangeRates | undefined, extra: ExchangeRates | undefined): ExchangeRates | undefined {
  if (!extra) return base;
  if (!base) return extra;
  const pivot = base.base === extra.base ? 1 : base.rates[extra.base];
  if (pivot === undefined) return extra;
  const kept = Object.fromEntries(Object.entries(base.rates).map(([c, r]) => [c, (r as number) / pivot]));
  return { ...extra, rates: { ...kept, ...extra.rates } };
}

/**
 * A `__proto__` key in `priceOverrides` (the one record keyed by the user) would be dropped by the
 * parser without a word; refuse it with its path, as a strict object refuses it at the top level.
 * (`constructor` and `prototype` reach the parser and are looked up like any model id.)
 */
function prototypeKeyErrors(overlay: unknown, file: string): PricingError[] {
  const overrides = typeof overlay === 'object' && overlay !== null ? (overlay as Record<string, unknown>).priceOverrides : undefined;
  if (typeof overrides !== 'object' || overrides === null) return [];
  if (!Object.prototype.hasOwnProperty.call(overrides, '__proto__')) return [];
  return [{ file, path: 'priceOverrides.__proto__', message: '"__proto__" is not a model id' }];
}

/**
 * Layers a user pricing file over a catalogue: adds vendors, models and plans (same id replaces),
 * replaces prices by model id, and merges exchange rates. An overlay with any error changes
 * nothing: the base comes back with the errors, each naming the file and JSON path.
 */
export function applyOverlay(base: Catalogue, overlay: unknown, fileName: string): { catalogue: Catalogue; errors: PricingError[] } {
  const keyErrors = prototypeKeyErrors(overlay, fileName);
  if (keyErrors.length) return { catalogue: base, errors: keyErrors };
  const parsed = PricingOverlaySchema.safeParse(overlay);
  if (!parsed.success) return { catalogue: base, errors: issuesToErrors(parsed.error.issues, fileName) };
  const o = parsed.data;
  const refErrors = overlayReferenceErrors(base, o, fileName);
  if (refErrors.length) return { catalogue: base, errors: refErrors };

  const overrides = o.priceOverrides ?? {};
  // Own keys only: a model id such as "constructor" must not find Object.prototype's.
  const models = mergeById(base.models, o.models).map((m) => (Object.prototype.hasOwnProperty.call(overrides, m.id) ? { ...m, price: overrides[m.id] } : m));
  const merged = {
    ...base.data,
    updated: o.updated && o.updated > base.data.updated ? o.updated : base.data.updated,
    vendors: mergeById(base.vendors, o.vendors),
    models,
    plans: mergeById(base.plans, o.plans),
    exchangeRates: mergeExchangeTables(base.data.exchangeRates, o.exchangeRates),
  };
  // Re-validate the result as a whole, so an overlay can never produce a catalogue the schema rejects.
  const check = PricingFileSchema.safeParse(merged);
  if (!check.success) {
    return {
      catalogue: base,
      errors: check.error.issues.map((i) => ({ file: fileName, path: formatJsonPath(i.path), message: `after merging with the bundled prices: ${i.message}` })),
    };
  }
  const overlaid = new Set([...base.overlaid, ...(o.models ?? []).map((m) => m.id), ...Object.keys(overrides)]);
  return { catalogue: new Catalogue(check.data, overlaid), errors: [] };
}

/** All models a user-typed query could mean: id, API model name or display name (case-insensitive). */
export function matchModels(catalogue: Catalogue, query: string): Model[] {
  const q = query.trim();
  if (!q) return [];
  const exact = catalogue.model(q);
  if (exact) return [exact];
  const lower = q.toLowerCase();
  for (const key of ['id', 'apiId', 'name'] as const) {
    const hits = catalogue.models.filter((m) => m[key].toLowerCase() === lower);
    // A bare model name means the maker's own API; the same model through GitHub Copilot needs its id.
    const direct = hits.filter((m) => m.direct === undefined);
    if (direct.length) return direct;
    if (hits.length) return hits;
  }
  // Another name the vendor's API uses for the model (a dated version, a short alias).
  const aliased = catalogue.models.filter((m) => m.aliases?.includes(lower));
  const aliasedDirect = aliased.filter((m) => m.direct === undefined);
  if (aliasedDirect.length) return aliasedDirect;
  if (aliased.length) return aliased;
  // "vendor/model" without its "@region" suffix.
  return catalogue.models.filter((m) => m.id.replace(/@[^@]*$/, '') === lower);
}

/** The model a user-typed id means, or undefined when nothing or more than one model matches. */
export function findModel(catalogue: Catalogue, query: string): Model | undefined {
  const hits = matchModels(catalogue, query);
  return hits.length === 1 ? hits[0] : undefined;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return prev[b.length];
}

/** Model ids close to a mistyped query, closest first, for "did you mean" messages. */
export function nearModelIds(catalogue: Catalogue, query: string, limit = 3): string[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const scored = catalogue.models.map((m) => {
    const keys = [m.id, m.apiId, m.name].map((k) => k.toLowerCase());
    const contains = keys.some((k) => k.includes(q) || q.includes(k));
    const distance = minOf(keys.map((k) => editDistance(q, k)));
    return { id: m.id, score: contains ? 0 : distance };
  });
  const threshold = Math.max(3, Math.floor(q.length / 3));
  return scored
    .filter((s) => s.score <= threshold)
    .sort((a, b) => a.score - b.score || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map((s) => s.id);
}
