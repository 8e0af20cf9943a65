// The comparison behind `npm run pricing:diff`: our pricing file against one parsed public list.
// Pure: it is given the parsed data and "now"; reading files and printing live in pricing-diff.ts.
import { canConvert, convert } from '../../src/core/cost/currency';
import { isRetired } from '../../src/core/pricing/lifecycle';
import { priceAt } from '../../src/core/pricing/schedule';
import type { ExchangeRates, Model, PricingFile } from '../../src/core/pricing/schema';
import type { Matcher, ParsedList, UpstreamModel } from './lists';

/**
 * Names the lists use for our models that neither our id, our apiId nor the model's own `aliases`
 * (names the vendor's API uses, kept in the pricing data) give, by our model id. Add one when the
 * diff reports a model as missing that we do have under a name only a list uses.
 */
export const ALIASES: Record<string, readonly string[]> = {
  'deepseek/deepseek-v4-flash@cn': ['deepseek-v4-flash-vision-exp'],
  'deepseek/deepseek-v4-flash@intl': ['deepseek-v4-flash-vision-exp'],
};

/** Model families and the vendor that makes them: a list's entry of one vendor's model under another
 *  provider (Claude on Vertex, DeepSeek on Volcengine) is a resale, not that provider's own model. */
const FAMILY_OWNERS: [RegExp, string][] = [
  [/^claude/, 'anthropic'],
  [/^(gpt|o[134]-|chatgpt)/, 'openai'],
  [/^gemini/, 'google'],
  [/^grok/, 'xai'],
  [/^deepseek/, 'deepseek'],
  [/^(qwen|qwq|qvq)/, 'alibaba'],
  [/^glm/, 'zhipu'],
  [/^(kimi|moonshot)/, 'moonshot'],
  [/^minimax/, 'minimax'],
  [/^(mistral|codestral|devstral|magistral|ministral|pixtral)/, 'mistral'],
];

/** An entry a provider resells from another vendor (by the model family its name starts with). */
export function isResale(u: UpstreamModel): boolean {
  const name = u.id.toLowerCase();
  const owner = FAMILY_OWNERS.find(([re]) => re.test(name))?.[1];
  return owner !== undefined && owner !== u.vendor;
}

/** Prices further apart than this share of ours are reported. */
export const PRICE_TOLERANCE = 0.01;

/** Lower case, no provider prefix or region suffix, dots and underscores as dashes. */
export function exactName(name: string): string {
  return name
    .toLowerCase()
    .trim()
    .replace(/^.*\//, '')
    .replace(/@(cn|intl|global)$/, '')
    .replace(/[._\s]+/g, '-');
}

/** exactName without a trailing date stamp: a dated snapshot (claude-sonnet-4-20250514) names its model. */
export function normalizeName(name: string): string {
  return exactName(name).replace(/-(\d{8}|\d{4}-\d{2}-\d{2})$/, '');
}

/** Every name a model of ours goes by: its id, its API name, its aliases and the lists' names for it, raw and normalized. */
export function namesOf(model: Model): { raw: string[]; exact: Set<string>; normalized: Set<string> } {
  const raw = [model.id.replace(/^[^/]*\//, '').replace(/@(cn|intl|global)$/, ''), model.apiId, ...(model.aliases ?? []), ...(ALIASES[model.id] ?? [])].map(
    (n) => n.toLowerCase(),
  );
  return { raw, exact: new Set(raw.map(exactName)), normalized: new Set(raw.map(normalizeName)) };
}

/** Whether a genai-prices matcher claims `name`. Clauses it does not know match nothing. */
export function matches(m: Matcher, name: string): boolean {
  if ('equals' in m) return name === m.equals.toLowerCase();
  // A prefix claims dated snapshots of a name (claude-opus-4-6-20260205, grok-4.20-0309), not a
  // newer version that happens to share it (claude-opus-5 is no snapshot of claude-opus-5-5).
  if ('starts_with' in m) {
    const prefix = m.starts_with.toLowerCase();
    return name.startsWith(prefix) && /^([-@.]?(\d{4,}|latest|preview)\b.*)?$/.test(name.slice(prefix.length));
  }
  if ('ends_with' in m) return name.endsWith(m.ends_with.toLowerCase());
  if ('contains' in m) return name.includes(m.contains.toLowerCase());
  if ('or' in m) return Array.isArray(m.or) && m.or.some((x) => matches(x, name));
  if ('and' in m) return Array.isArray(m.and) && m.and.every((x) => matches(x, name));
  return false;
}

/** How well an entry of theirs names a model of ours: 2 the same name, 1 a dated snapshot or their matcher, 0 not at all. */
function matchQuality(model: Model, names: ReturnType<typeof namesOf>, u: UpstreamModel): 0 | 1 | 2 {
  if (model.vendor !== u.vendor) return 0;
  if (names.exact.has(exactName(u.id))) return 2;
  if (names.normalized.has(normalizeName(u.id))) return 1;
  return u.match !== undefined && names.raw.some((n) => matches(u.match!, n)) ? 1 : 0;
}

/** The list's region and ours agree: its mainland-China prices against our cn models, the others against global/intl ones. */
function sameRegion(model: Model, u: UpstreamModel): boolean {
  return u.region === 'cn' ? model.region === 'cn' : model.region !== 'cn';
}

export type PriceKey = 'input' | 'output' | 'cacheRead';

export interface PriceDifference {
  ours: string;
  theirs: string;
  provider: string;
  key: PriceKey;
  /** USD per 1M tokens; ours converted with our dated exchange rates. */
  oursUsd: number;
  theirsUsd: number;
  /** (theirs − ours) ÷ ours, in percent. */
  percent: number;
}

export interface ListDiff {
  list: ParsedList['list'];
  /** Their models of vendors we cover. */
  considered: number;
  /** Our models that at least one of theirs matched. */
  matchedOurs: number;
  /** Their current models that none of ours matches, by our vendor id. */
  missing: Record<string, string[]>;
  priceDifferences: PriceDifference[];
  /** Our models still suggested (priced, not retired) that they mark deprecated. */
  deprecatedSuggested: { ours: string; theirs: string; provider: string }[];
  /** Priced pairs not compared because the list's region is not ours (a mainland price against a global one). */
  regionSkipped: number;
}

/** Our rate of `key` in USD per 1M tokens at `now`, or undefined (unpriced, free, not convertible, not published). */
function oursUsd(model: Model, key: PriceKey, now: Date, rates: ExchangeRates): number | undefined {
  const price = priceAt(model, now);
  if (!('rates' in price) || price.free) return undefined;
  const rate = price.rates[key];
  if (rate === undefined || !canConvert(price.currency, 'USD', rates)) return undefined;
  return Number(convert((rate * 1_000_000) / price.per, price.currency, 'USD', rates).toPrecision(12));
}

function isSuggestable(model: Model, now: Date): boolean {
  const price = priceAt(model, now);
  return 'rates' in price && !isRetired(model, now);
}

/** Compares our pricing file with one list, as of `now`, converting with the file's exchange rates. */
export function diffList(data: PricingFile, parsed: ParsedList, now: Date, tolerance = PRICE_TOLERANCE): ListDiff {
  const rates = data.exchangeRates;
  if (!rates) throw new Error('the pricing file has no exchange-rate table: prices in CNY cannot be set against USD lists');
  const vendors = new Set(data.vendors.map((v) => v.id));
  const ours = data.models.map((m) => ({ model: m, names: namesOf(m) }));
  const theirs = parsed.models.filter((u) => vendors.has(u.vendor) && !isResale(u));
  const result: ListDiff = {
    list: parsed.list,
    considered: theirs.length,
    matchedOurs: 0,
    missing: {},
    priceDifferences: [],
    deprecatedSuggested: [],
    regionSkipped: 0,
  };
  const matchedOurs = new Set<string>();
  const seenDifference = new Set<string>();
  const seenDeprecated = new Set<string>();
  const pairs = theirs.map((u) => ({
    u,
    hits: ours.map((o) => ({ model: o.model, quality: matchQuality(o.model, o.names, u) })).filter((h) => h.quality > 0),
  }));
  // Where their list has an entry of our model's very name, a dated snapshot (gpt-4o-2024-05-13) is another model.
  const best = new Map<string, number>();
  for (const { hits } of pairs) for (const h of hits) best.set(h.model.id, Math.max(best.get(h.model.id) ?? 0, h.quality));
  for (const { u, hits } of pairs) {
    if (!hits.length) {
      if (!u.deprecated) (result.missing[u.vendor] ??= []).push(u.id);
      continue;
    }
    for (const { model, quality } of hits) {
      matchedOurs.add(model.id);
      if (quality < best.get(model.id)!) continue;
      if (u.deprecated && isSuggestable(model, now) && !seenDeprecated.has(model.id)) {
        seenDeprecated.add(model.id);
        result.deprecatedSuggested.push({ ours: model.id, theirs: u.id, provider: u.provider });
      }
      if (!sameRegion(model, u)) {
        if (oursUsd(model, 'input', now, rates) !== undefined) result.regionSkipped++;
        continue;
      }
      for (const key of ['input', 'output', 'cacheRead'] as const) {
        const a = oursUsd(model, key, now, rates);
        const b = u[key];
        if (a === undefined || b === undefined) continue;
        const percent = a === 0 ? (b === 0 ? 0 : Infinity) : ((b - a) / a) * 100;
        if (Math.abs(percent) <= tolerance * 100) continue;
        const k = `${model.id}\u0000${key}\u0000${b}`;
        if (seenDifference.has(k)) continue;
        seenDifference.add(k);
        result.priceDifferences.push({
          ours: model.id,
          theirs: u.id,
          provider: u.provider,
          key,
          oursUsd: a,
          theirsUsd: b,
          percent: Number(percent.toFixed(1)),
        });
      }
    }
  }
  for (const ids of Object.values(result.missing)) ids.sort();
  result.missing = Object.fromEntries(
    Object.entries(result.missing)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([v, ids]) => [v, [...new Set(ids)]]),
  );
  result.priceDifferences.sort((x, y) => x.ours.localeCompare(y.ours) || x.key.localeCompare(y.key) || x.theirs.localeCompare(y.theirs));
  result.deprecatedSuggested.sort((x, y) => x.ours.localeCompare(y.ours));
  result.matchedOurs = matchedOurs.size;
  return result;
}

const usd = (n: number) => `$${Number(n.toPrecision(4))}`;

/** The diff of one list as plain text lines, for a person doing the monthly price routine. */
export function formatListDiff(d: ListDiff, title: string, snapshot: string, ratesDate: string): string[] {
  const missingCount = Object.values(d.missing).reduce((n, ids) => n + ids.length, 0);
  const lines = [
    `== ${title} (${snapshot})`,
    `   ${d.considered} of their models are of vendors we cover; they match ${d.matchedOurs} of ours.`,
    '',
    `   Models they list that we lack: ${missingCount}`,
  ];
  for (const [vendor, ids] of Object.entries(d.missing)) lines.push(`     ${vendor} (${ids.length}): ${ids.join(', ')}`);
  lines.push('', `   Prices that differ by more than 1% (USD per 1M tokens; ours converted at our rates of ${ratesDate}): ${d.priceDifferences.length}`);
  for (const p of d.priceDifferences) {
    const pct = Number.isFinite(p.percent) ? `${p.percent > 0 ? '+' : ''}${p.percent}%` : 'ours is 0';
    lines.push(`     ${p.ours} ${p.key}: ours ${usd(p.oursUsd)}, theirs ${usd(p.theirsUsd)} (${pct}) [${p.provider}/${p.theirs}]`);
  }
  if (d.regionSkipped)
    lines.push(`     (${d.regionSkipped} ${d.regionSkipped === 1 ? 'match' : 'matches'} not compared: their region is not the region of our model)`);
  lines.push('', `   Models they mark deprecated that we still suggest: ${d.deprecatedSuggested.length}`);
  for (const x of d.deprecatedSuggested) lines.push(`     ${x.ours} [${x.provider}/${x.theirs}]`);
  lines.push('');
  return lines;
}
