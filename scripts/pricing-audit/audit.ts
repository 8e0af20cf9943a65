// Independent check of the bundled prices against figures read on the vendors' pages (or the
// transcriptions of them named in each observation): for every observed model, every observed
// dimension (base rates, context brackets, DeepSeek's peak window) is compared with the price in
// force on the day of the reading. Pure: no file or network access.
import { z } from 'zod';
import type { Model, PricingFile, Rates } from '../../src/core/pricing/schema';
import { priceAt, isRatedPrice } from '../../src/core/pricing/schedule';

const RateKeys = ['input', 'output', 'cacheRead', 'cacheWrite', 'reasoningOutput'] as const;
type RateKey = (typeof RateKeys)[number];

const ObservedRates = z.strictObject({
  input: z.number().nonnegative().optional(),
  output: z.number().nonnegative().optional(),
  cacheRead: z.number().nonnegative().optional(),
  cacheWrite: z.number().nonnegative().optional(),
  reasoningOutput: z.number().nonnegative().optional(),
});

export const ObservationSchema = z.strictObject({
  id: z.string().min(1),
  currency: z.enum(['USD', 'CNY']),
  rates: ObservedRates,
  /** Context-length brackets as the page lists them (request-wide); `upTo: null` = the open top bracket. */
  brackets: z.array(ObservedRates.extend({ upTo: z.number().int().positive().nullable() })).optional(),
  /** Rates in the vendor's peak window (DeepSeek); compared with every time window of the model. */
  peak: ObservedRates.optional(),
  source: z.url(),
  /** Which stored copy was read and how old it is. */
  copy: z.string().min(1),
  /**
   * True when `source` is the vendor's own page (not a transcription or a reseller): the bundled
   * model must then cite that page and must not be marked `secondary`.
   */
  firstParty: z.boolean().optional(),
});
export type Observation = z.infer<typeof ObservationSchema>;

export const ObservedFileSchema = z.strictObject({
  read: z.iso.date(),
  about: z.string().min(1),
  observations: z.array(ObservationSchema).min(1),
});
export type ObservedFile = z.infer<typeof ObservedFileSchema>;

export interface AuditRow {
  id: string;
  /** e.g. `input`, `bracket ≤128000 output`, `peak cacheRead`, `currency`, `model`, `source`, `secondary`. */
  field: string;
  ours: number | string;
  page: number | string;
  /** |ours − page| ÷ page in percent (0 when both are 0); undefined for non-numeric rows. */
  diffPercent?: number;
  ok: boolean;
}

/** Relative difference in percent, or 0 when both are zero. */
function diffPercent(ours: number, page: number): number {
  if (page === 0) return ours === 0 ? 0 : Infinity;
  return (Math.abs(ours - page) / page) * 100;
}

function compareRates(id: string, prefix: string, ours: Partial<Rates>, page: Partial<Record<RateKey, number>>, tolerance: number): AuditRow[] {
  const rows: AuditRow[] = [];
  for (const key of RateKeys) {
    const want = page[key];
    if (want === undefined) continue;
    const have = ours[key];
    const field = prefix ? `${prefix} ${key}` : key;
    if (have === undefined) {
      rows.push({ id, field, ours: 'not stored', page: want, ok: false });
      continue;
    }
    const d = diffPercent(have, want);
    rows.push({ id, field, ours: have, page: want, diffPercent: d, ok: d <= tolerance });
  }
  return rows;
}

/** Every observed dimension of `obs` against the price of `model` in force at `at` (per 1M tokens). */
export function auditModel(model: Model | undefined, obs: Observation, at: Date, tolerance = 1): AuditRow[] {
  if (!model) return [{ id: obs.id, field: 'model', ours: 'missing', page: 'listed', ok: false }];
  const provenance: AuditRow[] = obs.firstParty
    ? [
        { id: obs.id, field: 'source', ours: model.source, page: obs.source, ok: model.source === obs.source },
        { id: obs.id, field: 'secondary', ours: model.secondary ? 'secondary' : 'first-party', page: 'first-party', ok: !model.secondary },
      ]
    : [];
  const price = priceAt(model, at);
  if (!isRatedPrice(price)) return [...provenance, { id: obs.id, field: 'price', ours: 'unpriced', page: 'priced', ok: false }];
  if (price.currency !== obs.currency) return [...provenance, { id: obs.id, field: 'currency', ours: price.currency, page: obs.currency, ok: false }];
  const scale = 1_000_000 / price.per;
  const perMillion = (r: Partial<Rates>): Partial<Rates> => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? v * scale : v]));
  const rows = [...provenance, ...compareRates(obs.id, '', perMillion(price.rates), obs.rates, tolerance)];
  for (const b of obs.brackets ?? []) {
    const label = b.upTo === null ? 'bracket top' : `bracket ≤${b.upTo}`;
    const ours = price.tiers?.brackets.find((t) => t.upTo === b.upTo);
    if (!ours) {
      rows.push({ id: obs.id, field: label, ours: 'no such bracket', page: 'listed', ok: false });
      continue;
    }
    const { upTo: _upTo, ...pageRates } = b;
    rows.push(...compareRates(obs.id, label, perMillion(ours), pageRates, tolerance));
  }
  if (obs.peak) {
    const windows = price.timeWindows ?? [];
    if (windows.length === 0) rows.push({ id: obs.id, field: 'peak', ours: 'no time window', page: 'listed', ok: false });
    for (const w of windows) rows.push(...compareRates(obs.id, `peak (${w.start}–${w.end})`, perMillion(w.rates), obs.peak, tolerance));
  }
  return rows;
}

export interface AuditReport {
  rows: AuditRow[];
  disagreements: AuditRow[];
  /** Models of the audited vendors that no observation covers (not re-read on the day). */
  unobserved: string[];
}

/** The whole observed file against a pricing file, for the vendors the observations name. */
export function audit(file: PricingFile, observed: ObservedFile, tolerance = 1): AuditReport {
  const at = new Date(`${observed.read}T12:00:00Z`);
  const byId = new Map(file.models.map((m) => [m.id, m]));
  const rows = observed.observations.flatMap((o) => auditModel(byId.get(o.id), o, at, tolerance));
  const seen = new Set(observed.observations.map((o) => o.id));
  const vendors = new Set(observed.observations.map((o) => o.id.split('/')[0]));
  const unobserved = file.models.filter((m) => vendors.has(m.vendor) && !seen.has(m.id)).map((m) => m.id);
  return { rows, disagreements: rows.filter((r) => !r.ok), unobserved };
}
