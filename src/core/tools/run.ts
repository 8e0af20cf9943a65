// One implementation of each cost tool, shared by the MCP server, the language-model tool and the
// CLI's --json. Pure: reading files and folders is the host's job (ToolHost).
import { z } from 'zod';
import { compareText, resolveModel } from '../compare';
import { alwaysSentContext, countContextFiles, priceContext, type PricedContext, type WorkspaceFile } from '../context';
import { defaultAssumptions, DEFAULT_MODEL_ID } from '../defaults';
import type { Catalogue } from '../pricing/catalogue';
import type { Currency, Model } from '../pricing/schema';
import { loadTokenizer } from '../tokenize';
import type { Assumptions, Comparison, ComparisonRow } from '../types';
import { AlwaysSentContextInput, CompareModelsInput, EstimateCostInput, ListPricesInput } from './schemas';

/** What a front end gives the tools: the catalogue, and bounded reads of the user's files. */
export interface ToolHost {
  catalogue: Catalogue;
  /** The text of a file named by an agent; throws an Error with a message for the agent. */
  readText(path: string): Promise<string>;
  /** The instruction files of a folder (`file` relative to it); throws when it is not a folder. */
  discover(folder: string, file: string | undefined): Promise<FolderFiles>;
  /** "Now" when the input names no time. */
  now?: () => Date;
  /** Counts and prices (the editor passes its count worker); default core compareText in this thread. */
  compare?: typeof compareText;
}

export interface FolderFiles {
  /** Absolute. */
  folder: string;
  /** Relative to the folder, `/`-separated. */
  currentFile?: string;
  files: WorkspaceFile[];
  problems: string[];
}

/** The input did not match the tool's schema: the message lists what was wrong, field by field. */
export class ToolInputError extends Error {}

export const TOOL_NAMES = ['estimate_cost', 'compare_models', 'list_prices', 'always_sent_context'] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

export const TOOLS: Record<ToolName, { schema: z.ZodType; title: string; description: string }> = {
  estimate_cost: {
    schema: EstimateCostInput,
    title: 'Estimate token cost',
    description:
      "Counts the tokens of a text or a text file with each vendor's own tokenizer and prices one call on the " +
      'given model (and optional extra models) in the chosen currency, with cheaper equivalent models. Returns the ' +
      'same JSON as `token-spend FILE --model M --models ... --json`. Reads only the text or the one file named.',
  },
  compare_models: {
    schema: CompareModelsInput,
    title: 'Cheapest equivalent model',
    description:
      "Prices a text or text file on a model and returns that model's row and its cheaper equivalents across the " +
      'whole price list (matched on quality class, context window, vision, tools, reasoning), cheapest first, ' +
      'with the saving per call.',
  },
  list_prices: {
    schema: ListPricesInput,
    title: 'List model prices',
    description:
      'Lists model prices as the vendors publish them (currency, per 1K or 1M tokens, input/output/cache rates), ' +
      'with context window, capabilities, quality class, source and date checked. Filter by vendor, text, region, ' +
      'capabilities and quality; at most 50 rows per call.',
  },
  always_sent_context: {
    schema: AlwaysSentContextInput,
    title: 'Always-sent instruction files',
    description:
      'Lists the instruction files coding agents (GitHub Copilot, Claude Code, Codex CLI, Gemini CLI, Cursor) send ' +
      'with every request in a folder (AGENTS.md, CLAUDE.md, copilot-instructions.md, ...), with their tokens and ' +
      'cost per request and per month. Same JSON as `token-spend context DIR --json`.',
  },
};

export function isToolName(name: string): name is ToolName {
  return (TOOL_NAMES as readonly string[]).includes(name);
}

/** Validates `input` against the tool's schema; a ToolInputError says what is wrong. */
export function parseToolInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
  throw new ToolInputError(`invalid input: ${problems.join('; ')}`);
}

function assumptionsOf(
  input: { currency?: Currency; outputTokens?: number; reasoningTokens?: number; cachedShare?: number; callsPerDay?: number; at?: string },
  host: ToolHost,
): Assumptions {
  const a = defaultAssumptions(input.at ? new Date(input.at) : (host.now?.() ?? new Date()));
  return {
    ...a,
    currency: input.currency ?? a.currency,
    outputTokens: input.outputTokens ?? a.outputTokens,
    reasoningTokens: input.reasoningTokens ?? a.reasoningTokens,
    cachedShare: input.cachedShare ?? a.cachedShare,
    callsPerDay: input.callsPerDay ?? a.callsPerDay,
  };
}

async function sourceText(input: { text?: string; path?: string }, host: ToolHost): Promise<string> {
  return input.text ?? host.readText(input.path!);
}

/** estimate_cost: the comparison `token-spend --json` prints, for the named models only. */
export async function estimateCost(raw: unknown, host: ToolHost): Promise<Comparison> {
  const input = parseToolInput(EstimateCostInput, raw);
  const text = await sourceText(input, host);
  const a = assumptionsOf(input, host);
  const model = input.model ?? DEFAULT_MODEL_ID;
  return (host.compare ?? compareText)(text, host.catalogue, a, { currentModelId: model, modelIds: [model, ...(input.models ?? [])], now: a.at });
}

export interface CheaperEquivalents {
  characters: number;
  assumptions: Assumptions;
  currentModelId: string;
  current: ComparisonRow;
  /** Cheapest first, each with its saving per call. */
  suggestions: ComparisonRow[];
}

/** compare_models: the model's row and its cheaper equivalents in the whole catalogue. */
export async function compareModels(raw: unknown, host: ToolHost): Promise<CheaperEquivalents> {
  const input = parseToolInput(CompareModelsInput, raw);
  const text = await sourceText(input, host);
  const a = assumptionsOf(input, host);
  const c = await (host.compare ?? compareText)(text, host.catalogue, a, {
    currentModelId: input.model ?? DEFAULT_MODEL_ID,
    suggestionLimit: input.limit ?? 5,
    suggestionRegions: input.regions,
    now: a.at,
  });
  const current = c.rows.find((r) => r.model.id === c.currentModelId)!;
  return { characters: c.characters, assumptions: c.assumptions, currentModelId: c.currentModelId, current, suggestions: c.suggestions };
}

export interface PriceListRow {
  id: string;
  name: string;
  vendor: string;
  region: Model['region'];
  /** As the vendor publishes it (currency, per 1K or 1M tokens), or why it is unpriced. */
  price: Model['price'];
  contextWindow: number;
  maxOutput: number;
  capabilities: Model['capabilities'];
  quality: number;
  source: string;
  checked: string;
  secondarySource?: true;
  retires?: string;
  replacedBy?: string;
}

export interface PriceList {
  /** Models matching the filters, before paging. */
  total: number;
  offset: number;
  models: PriceListRow[];
}

/** list_prices: the catalogue filtered, sorted by id, one bounded page. */
export function listPrices(raw: unknown, host: Pick<ToolHost, 'catalogue'>): PriceList {
  const input = parseToolInput(ListPricesInput, raw);
  const vendor = input.vendor?.toLowerCase();
  if (vendor && !host.catalogue.vendor(vendor)) {
    throw new Error(`unknown vendor "${input.vendor}"; known: ${host.catalogue.vendors.map((v) => v.id).join(', ')}`);
  }
  const search = input.search?.toLowerCase();
  const matching = host.catalogue.models
    .filter((m) => !vendor || m.vendor === vendor)
    .filter((m) => !search || m.id.includes(search) || m.name.toLowerCase().includes(search))
    .filter((m) => !input.region || m.region === input.region)
    .filter((m) => (input.capabilities ?? []).every((c) => m.capabilities[c]))
    .filter((m) => m.quality.class >= (input.minQuality ?? 1))
    .sort((x, y) => x.id.localeCompare(y.id));
  const offset = input.offset ?? 0;
  const page = matching.slice(offset, offset + (input.limit ?? 20));
  return {
    total: matching.length,
    offset,
    models: page.map((m) => ({
      id: m.id,
      name: m.name,
      vendor: m.vendor,
      region: m.region,
      price: m.price,
      contextWindow: m.contextWindow,
      maxOutput: m.maxOutput,
      capabilities: m.capabilities,
      quality: m.quality.class,
      source: m.source,
      checked: m.checked,
      ...(m.secondary ? { secondarySource: true as const } : {}),
      ...(m.retires ? { retires: m.retires } : {}),
      ...(m.replacedBy ? { replacedBy: m.replacedBy } : {}),
    })),
  };
}

/** What `token-spend context --json` prints. */
export interface ContextReport {
  folder: string;
  currentFile: string | null;
  model: string;
  currency: Currency;
  callsPerDay: number;
  agents: PricedContext[];
  problems: string[];
}

/** Counts and prices a folder's always-sent files with one model: the CLI and the tools share it. */
export async function contextReport(found: FolderFiles, catalogue: Catalogue, modelQuery: string, a: Assumptions): Promise<ContextReport> {
  const model = resolveModel(catalogue, modelQuery);
  const groups = alwaysSentContext(found.files, found.currentFile);
  const tokenizer = await loadTokenizer(model.tokenizer);
  const agents = priceContext(groups, countContextFiles(groups, tokenizer), tokenizer.exact, model, a, catalogue.exchangeRates);
  return {
    folder: found.folder,
    currentFile: found.currentFile ?? null,
    model: model.id,
    currency: a.currency,
    callsPerDay: a.callsPerDay,
    agents,
    problems: found.problems,
  };
}

/** always_sent_context: `token-spend context DIR --json` for an agent. */
export async function alwaysSentContextTool(raw: unknown, host: ToolHost): Promise<ContextReport> {
  const input = parseToolInput(AlwaysSentContextInput, raw);
  const found = await host.discover(input.folder, input.file);
  return contextReport(found, host.catalogue, input.model ?? DEFAULT_MODEL_ID, assumptionsOf(input, host));
}

/** Runs a tool by name. Throws ToolInputError for bad input, Error for what went wrong otherwise. */
export async function runCostTool(name: ToolName, input: unknown, host: ToolHost): Promise<unknown> {
  switch (name) {
    case 'estimate_cost':
      return estimateCost(input, host);
    case 'compare_models':
      return compareModels(input, host);
    case 'list_prices':
      return listPrices(input, host);
    case 'always_sent_context':
      return alwaysSentContextTool(input, host);
  }
}

/** The JSON schema an MCP client or package.json gets for a tool's input. */
export function toolInputJsonSchema(name: ToolName): Record<string, unknown> {
  const schema = z.toJSONSchema(TOOLS[name].schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete schema.$schema;
  return schema;
}
