/**
 * Tool (function) definitions sent with a chat request: OpenAI `tools` / legacy `functions`,
 * Anthropic `tools`, and MCP `tools/list` results. They are billed as input on every request that
 * carries them, and often outweigh the question.
 *
 * OpenAI: the OpenAI Cookbook ("How to count tokens with tiktoken", section 7, counting tokens for
 * chat completions with tool calls) publishes the framing: per function `func_init` tokens plus the
 * tokens of "name:description" (a final "." dropped); with properties, `prop_init` once and per
 * property `prop_key` plus the tokens of "name:type:description"; an enum adds `enum_init` and per
 * item `enum_item` plus the item's tokens; `func_end` once after all functions. Constants: 7, 3, 3,
 * -3, 3, 12 for gpt-4o (o200k_base) and 10, 3, 3, -3, 3, 12 for gpt-4 and gpt-3.5 (cl100k_base).
 * Its worked example (one weather function, two messages) is 101 prompt tokens on gpt-4o and 105
 * on gpt-4, equal to the API's counts; test/unit/tokenize-tools.test.ts checks both. The method
 * covers flat parameters; nested objects and arrays are counted as their JSON (an estimate).
 *
 * Anthropic: the tool definitions as JSON plus the tool-use system prompt Anthropic adds to a
 * request with tools, 346 tokens (tool choice auto or none) or 313 (any or a named tool), the
 * figures it publishes for its Claude 4 models ("Tool use" pricing, platform.claude.com); an
 * estimate, labelled so, like every Claude count here.
 *
 * Other vendors render tools into their chat template in ways they do not publish: the JSON of
 * each definition, an estimate.
 */
import type { TokenizerId } from './ids';

export type ToolChoice = 'auto' | 'none' | 'any' | 'tool';

export interface ToolDefinition {
  name: string;
  description: string;
  /** The JSON schema of the arguments (`parameters`, `input_schema` or `inputSchema`). */
  schema: Record<string, unknown>;
}

export interface ToolsCount {
  tools: number;
  tokens: number;
  /** How the framing was counted: OpenAI's published method, or the definitions' JSON (estimate). */
  method: 'openai-cookbook' | 'json-estimate';
}

interface Counter {
  readonly id: TokenizerId;
  count(text: string): number;
}

/** Tool lists longer than this are not real requests (the largest MCP setups list a few hundred). */
export const MAX_TOOLS = 2_000;

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * JSON levels (objects and arrays, `properties` counting as one) of a tool's schema. Real tools
 * nest a few objects deep; deeper ones
 * are not read as tool definitions: counting them means serializing them, which recursion does,
 * and 10,000 levels of `properties` exhausted the stack.
 */
export const MAX_SCHEMA_DEPTH = 128;

/** True when `value` nests objects and arrays at most `max` deep; walked without recursion. */
export function nestsAtMost(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) return false;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return true;
}

/** One definition in any of the three shapes, or undefined when it is none of them (or nests too deep to be one). */
function toolOf(entry: unknown): ToolDefinition | undefined {
  if (!isObject(entry)) return undefined;
  // OpenAI chat completions: { type: 'function', function: { name, description, parameters } }.
  const fn = isObject(entry.function) ? entry.function : entry;
  if (typeof fn.name !== 'string' || !fn.name) return undefined;
  const schema = [fn.parameters, fn.input_schema, fn.inputSchema].find(isObject) ?? {};
  if (!nestsAtMost(schema, MAX_SCHEMA_DEPTH)) return undefined;
  return { name: fn.name, description: str(fn.description), schema };
}

/** The definitions of a list, or undefined when any entry is not a tool definition. */
export function parseTools(list: unknown): ToolDefinition[] | undefined {
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_TOOLS) return undefined;
  const tools: ToolDefinition[] = [];
  for (const entry of list) {
    const tool = toolOf(entry);
    if (!tool) return undefined;
    tools.push(tool);
  }
  return tools;
}

/** Anthropic's `tool_choice`: { type: 'auto' | 'any' | 'tool' | 'none' }; OpenAI's strings map onto it. */
export function parseToolChoice(value: unknown): ToolChoice {
  // OpenAI's legacy function_call names the function as { name }.
  if (isObject(value) && typeof value.name === 'string' && value.type === undefined) return 'tool';
  const type = isObject(value) ? value.type : value;
  if (type === 'any' || type === 'required') return 'any';
  if (type === 'tool' || type === 'function') return 'tool';
  if (type === 'none') return 'none';
  return 'auto';
}

const COOKBOOK = {
  o200k_base: { funcInit: 7, propInit: 3, propKey: 3, enumInit: -3, enumItem: 3, funcEnd: 12 },
  cl100k_base: { funcInit: 10, propInit: 3, propKey: 3, enumInit: -3, enumItem: 3, funcEnd: 12 },
} as const;

/** Tool-use system prompt of Claude 4 models, by tool choice (see the top of this file). */
export const ANTHROPIC_TOOL_PROMPT: Record<ToolChoice, number> = { auto: 346, none: 346, any: 313, tool: 313 };

const dropFinalPeriod = (s: string) => (s.endsWith('.') ? s.slice(0, -1) : s);

function cookbookCount(tools: ToolDefinition[], counter: Counter, k: (typeof COOKBOOK)[keyof typeof COOKBOOK]): number {
  let tokens = 0;
  for (const tool of tools) {
    tokens += k.funcInit + counter.count(`${tool.name}:${dropFinalPeriod(tool.description)}`);
    const properties = isObject(tool.schema.properties) ? tool.schema.properties : {};
    const keys = Object.keys(properties);
    if (keys.length === 0) continue;
    tokens += k.propInit;
    for (const key of keys) {
      const p = isObject(properties[key]) ? properties[key] : {};
      tokens += k.propKey;
      if (Array.isArray(p.enum)) {
        tokens += k.enumInit;
        for (const item of p.enum) tokens += k.enumItem + counter.count(typeof item === 'string' ? item : JSON.stringify(item));
      }
      const type = Array.isArray(p.type) ? p.type.map(String).join('|') : str(p.type);
      tokens += counter.count(`${key}:${type}:${dropFinalPeriod(str(p.description))}`);
      // Beyond the Cookbook's flat parameters: nested schemas are sent too; count their JSON.
      const nested = { properties: p.properties, items: p.items, anyOf: p.anyOf, oneOf: p.oneOf };
      if (Object.values(nested).some((v) => v !== undefined)) tokens += counter.count(JSON.stringify(nested));
    }
  }
  return tokens + k.funcEnd;
}

/** Tokens the tool definitions add to a request counted with `counter`. */
export function countTools(tools: ToolDefinition[], counter: Counter, choice: ToolChoice = 'auto'): ToolsCount {
  if (tools.length === 0) return { tools: 0, tokens: 0, method: 'json-estimate' };
  if (counter.id === 'o200k_base' || counter.id === 'cl100k_base') {
    return { tools: tools.length, tokens: cookbookCount(tools, counter, COOKBOOK[counter.id]), method: 'openai-cookbook' };
  }
  let tokens = 0;
  for (const tool of tools) tokens += counter.count(JSON.stringify({ name: tool.name, description: tool.description, input_schema: tool.schema }));
  if (counter.id === 'claude_est') tokens += ANTHROPIC_TOOL_PROMPT[choice];
  return { tools: tools.length, tokens, method: 'json-estimate' };
}
