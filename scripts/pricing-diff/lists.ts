// Parsers of the public machine-readable price lists that `npm run pricing:diff` reads, each into
// one shape (UpstreamModel). Pure functions of parsed JSON: the files are read by pricing-diff.ts.
// Only first-party providers of vendors we cover are kept; resellers and clouds are left out.
// All four lists price in USD per token (LiteLLM) or per 1M tokens (the others).

export const LIST_IDS = ['litellm', 'genai-prices', 'models.dev', 'llm-metadata'] as const;
export type ListId = (typeof LIST_IDS)[number];

export const LIST_INFO: Record<ListId, { title: string; file: string; url: string; licence: string }> = {
  litellm: {
    title: "LiteLLM's model_prices_and_context_window.json",
    file: 'litellm.json',
    url: 'https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json',
    licence: 'MIT (BerriAI/litellm)',
  },
  'genai-prices': {
    title: "pydantic genai-prices' prices/data.json",
    file: 'genai-prices.json',
    url: 'https://raw.githubusercontent.com/pydantic/genai-prices/main/prices/data.json',
    licence: 'MIT (pydantic/genai-prices)',
  },
  'models.dev': {
    title: "models.dev's api.json",
    file: 'models.dev.json',
    url: 'https://models.dev/api.json',
    licence: 'MIT (sst/models.dev)',
  },
  'llm-metadata': {
    title: "basellm llm-metadata's dist/api/all.json",
    file: 'llm-metadata.json',
    url: 'https://raw.githubusercontent.com/basellm/llm-metadata/main/dist/api/all.json',
    licence: 'Apache-2.0 (basellm/llm-metadata)',
  },
};

/** Where a list says a model is sold: mainland China, or anywhere else. */
export type UpstreamRegion = 'cn' | 'global';

/** genai-prices' model matcher (a subset of its clauses; unknown clauses match nothing). */
export type Matcher = { equals: string } | { starts_with: string } | { ends_with: string } | { contains: string } | { or: Matcher[] } | { and: Matcher[] };

export interface UpstreamModel {
  list: ListId;
  /** The list's provider id, e.g. "moonshotai-cn". */
  provider: string;
  /** Our vendor id. */
  vendor: string;
  region: UpstreamRegion;
  /** The list's model id, without a provider prefix. */
  id: string;
  /** genai-prices: the names the entry claims. */
  match?: Matcher;
  /** USD per 1M tokens. */
  input?: number;
  output?: number;
  cacheRead?: number;
  deprecated: boolean;
}

export interface ParsedList {
  list: ListId;
  models: UpstreamModel[];
  /** Entries of vendors we cover that were left out (not a chat model, no price, malformed). */
  skipped: number;
}

/** Their provider id → our vendor id and region, per list. */
const LITELLM_PROVIDERS: Record<string, [string, UpstreamRegion]> = {
  openai: ['openai', 'global'],
  anthropic: ['anthropic', 'global'],
  gemini: ['google', 'global'],
  xai: ['xai', 'global'],
  mistral: ['mistral', 'global'],
  deepseek: ['deepseek', 'global'],
  dashscope: ['alibaba', 'global'],
  moonshot: ['moonshot', 'global'],
  zai: ['zhipu', 'global'],
  zhipu: ['zhipu', 'cn'],
  minimax: ['minimax', 'global'],
  volcengine: ['bytedance', 'cn'],
};

const GENAI_PROVIDERS: Record<string, [string, UpstreamRegion]> = {
  openai: ['openai', 'global'],
  anthropic: ['anthropic', 'global'],
  google: ['google', 'global'],
  'x-ai': ['xai', 'global'],
  mistral: ['mistral', 'global'],
  deepseek: ['deepseek', 'global'],
  moonshotai: ['moonshot', 'global'],
  zhipuai: ['zhipu', 'global'],
  minimax: ['minimax', 'global'],
};

/** models.dev and llm-metadata share a format and provider ids. Coding and token plans are not per-token prices. */
const MODELS_DEV_PROVIDERS: Record<string, [string, UpstreamRegion]> = {
  openai: ['openai', 'global'],
  anthropic: ['anthropic', 'global'],
  google: ['google', 'global'],
  xai: ['xai', 'global'],
  mistral: ['mistral', 'global'],
  deepseek: ['deepseek', 'global'],
  alibaba: ['alibaba', 'global'],
  'alibaba-cn': ['alibaba', 'cn'],
  moonshotai: ['moonshot', 'global'],
  'moonshotai-cn': ['moonshot', 'cn'],
  zai: ['zhipu', 'global'],
  zhipuai: ['zhipu', 'cn'],
  minimax: ['minimax', 'global'],
  'minimax-cn': ['minimax', 'cn'],
  stepfun: ['stepfun', 'global'],
  'tencent-tokenhub': ['tencent', 'cn'],
};

/** Providers per list, for the README and the report. */
export const PROVIDERS: Record<ListId, Record<string, [string, UpstreamRegion]>> = {
  litellm: LITELLM_PROVIDERS,
  'genai-prices': GENAI_PROVIDERS,
  'models.dev': MODELS_DEV_PROVIDERS,
  'llm-metadata': MODELS_DEV_PROVIDERS,
};

/** Most entries a list may hold: a bound on what one file can make the diff do. */
export const MAX_ENTRIES = 100_000;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A price as the lists write it: a finite, non-negative number, or undefined. */
function amount(v: unknown, scale = 1): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v < 1e9 ? Number((v * scale).toPrecision(12)) : undefined;
}

function requireShape(ok: boolean, list: ListId, what: string): void {
  if (!ok) throw new Error(`${LIST_INFO[list].file}: not ${LIST_INFO[list].title} (${what})`);
}

const CHAT_MODES = new Set(['chat', 'responses']);

/** LiteLLM: an object keyed by model name ("gpt-4.1", "xai/grok-4"), prices per token. */
export function parseLiteLLM(json: unknown, now: Date): ParsedList {
  requireShape(isRecord(json), 'litellm', 'expected an object keyed by model name');
  const entries = Object.entries(json as Record<string, unknown>);
  requireShape(entries.length <= MAX_ENTRIES, 'litellm', `more than ${MAX_ENTRIES} entries`);
  const today = now.toISOString().slice(0, 10);
  const models: UpstreamModel[] = [];
  let skipped = 0;
  for (const [key, e] of entries) {
    if (!isRecord(e) || typeof e.litellm_provider !== 'string') continue;
    const mapped = LITELLM_PROVIDERS[e.litellm_provider];
    if (!mapped) continue;
    const input = amount(e.input_cost_per_token, 1e6);
    const output = amount(e.output_cost_per_token, 1e6);
    if (!CHAT_MODES.has(String(e.mode)) || input === undefined || output === undefined) {
      skipped++;
      continue;
    }
    const deprecation = typeof e.deprecation_date === 'string' ? e.deprecation_date : undefined;
    models.push({
      list: 'litellm',
      provider: e.litellm_provider,
      vendor: mapped[0],
      region: mapped[1],
      id: key.slice(key.lastIndexOf('/') + 1),
      input,
      output,
      cacheRead: amount(e.cache_read_input_token_cost, 1e6),
      deprecated: deprecation !== undefined && deprecation <= today,
    });
  }
  return { list: 'litellm', models, skipped };
}

/** A genai-prices price: a number, or {base, tiers} of which the base (shortest context) counts. */
function genaiAmount(v: unknown): number | undefined {
  return isRecord(v) ? amount(v.base) : amount(v);
}

/** The prices in force at `now` of a genai-prices entry: a fixed set, or the newest dated set (time-of-day sets are left out). */
function genaiPricesAt(prices: unknown, now: Date): Record<string, unknown> | undefined {
  if (isRecord(prices)) return prices;
  if (!Array.isArray(prices)) return undefined;
  const today = now.toISOString().slice(0, 10);
  let best: { start: string; prices: Record<string, unknown> } | undefined;
  for (const p of prices) {
    if (!isRecord(p) || !isRecord(p.prices)) continue;
    const c = isRecord(p.constraint) ? p.constraint : {};
    if ('start_time' in c || 'end_time' in c) continue;
    const start = typeof c.start_date === 'string' ? c.start_date : '';
    if (start > today) continue;
    if (!best || start >= best.start) best = { start, prices: p.prices };
  }
  return best?.prices;
}

/** genai-prices: an array of providers, each with models that carry a matcher and prices per 1M tokens. */
export function parseGenaiPrices(json: unknown, now: Date): ParsedList {
  requireShape(Array.isArray(json), 'genai-prices', 'expected an array of providers');
  const models: UpstreamModel[] = [];
  let skipped = 0;
  let seen = 0;
  for (const provider of json as unknown[]) {
    if (!isRecord(provider) || typeof provider.id !== 'string' || !Array.isArray(provider.models)) continue;
    const mapped = GENAI_PROVIDERS[provider.id];
    if (!mapped) continue;
    for (const m of provider.models) {
      requireShape(++seen <= MAX_ENTRIES, 'genai-prices', `more than ${MAX_ENTRIES} models`);
      if (!isRecord(m) || typeof m.id !== 'string') continue;
      const prices = genaiPricesAt(m.prices, now);
      const input = genaiAmount(prices?.input_mtok);
      const output = genaiAmount(prices?.output_mtok);
      if (input === undefined || output === undefined) {
        skipped++;
        continue;
      }
      models.push({
        list: 'genai-prices',
        provider: provider.id,
        vendor: mapped[0],
        region: mapped[1],
        id: m.id,
        match: isRecord(m.match) ? (m.match as Matcher) : { equals: m.id },
        input,
        output,
        cacheRead: genaiAmount(prices?.cache_read_mtok),
        deprecated: m.deprecated === true,
      });
    }
  }
  return { list: 'genai-prices', models, skipped };
}

/** models.dev's api.json and llm-metadata's all.json: providers keyed by id, models keyed by id, `cost` per 1M tokens. */
export function parseModelsDevFormat(json: unknown, list: 'models.dev' | 'llm-metadata'): ParsedList {
  requireShape(isRecord(json), list, 'expected an object keyed by provider id');
  const models: UpstreamModel[] = [];
  let skipped = 0;
  let seen = 0;
  for (const [providerId, provider] of Object.entries(json as Record<string, unknown>)) {
    const mapped = MODELS_DEV_PROVIDERS[providerId];
    if (!mapped || !isRecord(provider) || !isRecord(provider.models)) continue;
    for (const [key, m] of Object.entries(provider.models)) {
      requireShape(++seen <= MAX_ENTRIES, list, `more than ${MAX_ENTRIES} models`);
      if (!isRecord(m)) continue;
      const cost = isRecord(m.cost) ? m.cost : {};
      const input = amount(cost.input);
      const output = amount(cost.output);
      if (input === undefined || output === undefined) {
        skipped++;
        continue;
      }
      const id = typeof m.id === 'string' ? m.id : key;
      models.push({
        list,
        provider: providerId,
        vendor: mapped[0],
        region: mapped[1],
        id: id.slice(id.lastIndexOf('/') + 1),
        input,
        output,
        cacheRead: amount(cost.cache_read),
        deprecated: m.status === 'deprecated',
      });
    }
  }
  return { list, models, skipped };
}

export function parseList(list: ListId, json: unknown, now: Date): ParsedList {
  switch (list) {
    case 'litellm':
      return parseLiteLLM(json, now);
    case 'genai-prices':
      return parseGenaiPrices(json, now);
    default:
      return parseModelsDevFormat(json, list);
  }
}
