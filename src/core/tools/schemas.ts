// The inputs of the cost tools that agents call (language-model tool, MCP server): one zod schema
// each, bounded, strict (an unknown field is an error, not silently ignored).
import { z } from 'zod';
import { LIMITS, TOOL_LIMITS } from '../limits';
import { CurrencySchema, RegionSchema } from '../pricing/schema';

const name = z.string().trim().min(1).max(TOOL_LIMITS.nameChars);
const text = z.string().max(TOOL_LIMITS.textChars).describe('The prompt text to price. Give text or path, not both.');
const path = name.describe("A text file to price instead of text: absolute, or relative to the workspace folder (MCP: the server's working folder).");
const model = name.describe('The model the request is for, e.g. openai/gpt-6-luna or deepseek-v4 (default openai/gpt-6-luna).');
const currency = CurrencySchema.describe('Display currency (default USD).');
const tokens = z.number().int().min(LIMITS.tokensPerCall.min).max(LIMITS.tokensPerCall.max);
const outputTokens = tokens.describe('Expected output tokens per call (default 500).');
const reasoningTokens = tokens.describe('Expected thinking tokens per call, for reasoning models (default 0).');
const cachedShare = z.number().min(0).max(1).describe('Share of the input served from the prompt cache, 0 to 1 (default 0).');
const callsPerDay = z.number().min(LIMITS.callsPerDay.min).max(LIMITS.callsPerDay.max).describe('Calls per day, for the monthly figure (default 100).');
const at = z.iso.datetime({ offset: true }).describe('When the request is sent (ISO 8601): picks off-peak and scheduled prices (default now).');

const oneSource = (v: { text?: string; path?: string }) => (v.text === undefined) !== (v.path === undefined);
const oneSourceMessage = { message: 'give either text or path (exactly one of them)' };

export const EstimateCostInput = z
  .strictObject({
    text: text.optional(),
    path: path.optional(),
    model: model.optional(),
    models: z.array(name).max(TOOL_LIMITS.models).optional().describe(`More models to price the same request on (at most ${TOOL_LIMITS.models}).`),
    currency: currency.optional(),
    outputTokens: outputTokens.optional(),
    reasoningTokens: reasoningTokens.optional(),
    cachedShare: cachedShare.optional(),
    callsPerDay: callsPerDay.optional(),
    at: at.optional(),
  })
  .refine(oneSource, oneSourceMessage);
export type EstimateCostInput = z.infer<typeof EstimateCostInput>;

export const CompareModelsInput = z
  .strictObject({
    text: text.optional(),
    path: path.optional(),
    model: model.optional(),
    limit: z
      .number()
      .int()
      .min(1)
      .max(TOOL_LIMITS.suggestions)
      .optional()
      .describe(`How many cheaper equivalents (default 5, at most ${TOOL_LIMITS.suggestions}).`),
    regions: z.array(RegionSchema).max(3).optional().describe('Suggest only models sold in these regions (a mainland-China account: cn, global).'),
    currency: currency.optional(),
    outputTokens: outputTokens.optional(),
    callsPerDay: callsPerDay.optional(),
    at: at.optional(),
  })
  .refine(oneSource, oneSourceMessage);
export type CompareModelsInput = z.infer<typeof CompareModelsInput>;

export const ListPricesInput = z.strictObject({
  vendor: name.optional().describe('Only this vendor id, e.g. openai, anthropic, deepseek, alibaba.'),
  search: name.optional().describe('Only models whose id or name contains this text.'),
  region: RegionSchema.optional().describe('Only models sold in this region.'),
  capabilities: z
    .array(z.enum(['vision', 'tools', 'reasoning', 'json']))
    .max(4)
    .optional()
    .describe('Only models with all of these.'),
  minQuality: z.number().int().min(1).max(5).optional().describe('Only models of this quality class or better (5 frontier … 1 tiny).'),
  limit: z.number().int().min(1).max(TOOL_LIMITS.listRows).optional().describe(`Rows to return (default 20, at most ${TOOL_LIMITS.listRows}).`),
  offset: z.number().int().min(0).max(100_000).optional().describe('Rows to skip, for the next page.'),
});
export type ListPricesInput = z.infer<typeof ListPricesInput>;

export const AlwaysSentContextInput = z.strictObject({
  folder: name.describe("The workspace folder to look in: absolute, or relative to the workspace (MCP: the server's working folder)."),
  file: name.optional().describe('The file being worked on, relative to the folder: picks applyTo/globs rules and nested AGENTS.md.'),
  model: model.optional(),
  currency: currency.optional(),
  callsPerDay: callsPerDay.optional(),
});
export type AlwaysSentContextInput = z.infer<typeof AlwaysSentContextInput>;
