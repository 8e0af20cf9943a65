/**
 * Chat-message JSON (OpenAI and Anthropic request shapes) counted as a chat: the text of every
 * message plus each format's per-message overhead. Anything that is not such JSON is counted as
 * plain text by `countInput`.
 *
 * OpenAI overhead, from the OpenAI Cookbook "How to count tokens with tiktoken"
 * (num_tokens_from_messages, for gpt-4o / gpt-4 / gpt-3.5-turbo-0613 and later): every message
 * costs 3 tokens plus the tokens of its role and content; a `name` costs its tokens plus 1; every
 * reply is primed with 3 tokens (<|start|>assistant<|message|>).
 *
 * Anthropic publishes no such formula (its token-counting endpoint is the only exact source, and
 * its documentation says counts include formatting tokens). We apply the same convention as
 * OpenAI — 3 tokens per message plus its role, the system prompt counted as a leading message,
 * 3 tokens of reply priming — and label the result as an estimate of the framing; with the
 * Claude tokenizer itself being an estimate, the framing is a few tokens out of many.
 */
import type { Tokenizer } from './index';
import { countTools, nestsAtMost, parseToolChoice, parseTools, type ToolChoice, type ToolDefinition, type ToolsCount } from './tools';

export type ChatFormat = 'openai' | 'anthropic';

export interface ChatMessage {
  role: string;
  name?: string;
  text: string;
}

export interface ChatInput {
  format: ChatFormat;
  system?: string;
  /** Empty for a file of tool definitions alone (an MCP `tools/list` result). */
  messages: ChatMessage[];
  /** Tool definitions sent with the request (`tools`, `functions`), counted with their framing (tools.ts). */
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
}

/** Per-format framing overhead, in tokens of that vendor's tokenizer. */
export const CHAT_OVERHEAD: Record<ChatFormat, { perMessage: number; perName: number; replyPriming: number }> = {
  openai: { perMessage: 3, perName: 1, replyPriming: 3 },
  anthropic: { perMessage: 3, perName: 1, replyPriming: 3 },
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const OPENAI_ONLY_ROLES = new Set(['system', 'developer', 'tool', 'function']);
const ANTHROPIC_BLOCK_TYPES = new Set(['tool_use', 'tool_result', 'thinking', 'redacted_thinking', 'document']);
const OPENAI_PART_TYPES = new Set(['image_url', 'input_audio', 'input_text', 'refusal', 'file']);

interface Hints {
  anthropic: boolean;
  openai: boolean;
  /** Set when content nests deeper than MAX_NESTING: then the JSON is not read as a chat. */
  tooDeep?: boolean;
}

/** Tool results nest tool results; real requests go a level or two deep. Deeper JSON is not read as a chat (and cannot exhaust the stack). */
const MAX_NESTING = 32;

/** Text of a content value: a string, or text parts/blocks (images and other media carry none). */
function contentText(content: Json | undefined, hints: Hints, depth = 0): string | undefined {
  if (content === undefined || content === null) return '';
  if (depth > MAX_NESTING) {
    hints.tooDeep = true;
    return undefined;
  }
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  const parts: string[] = [];
  for (const block of content) {
    if (typeof block === 'string') {
      parts.push(block);
      continue;
    }
    if (!isObject(block) || typeof block.type !== 'string') return undefined;
    if (ANTHROPIC_BLOCK_TYPES.has(block.type) || (block.type === 'image' && isObject(block.source))) hints.anthropic = true;
    if (OPENAI_PART_TYPES.has(block.type)) hints.openai = true;
    if (typeof block.text === 'string') parts.push(block.text);
    if (typeof block.thinking === 'string') parts.push(block.thinking);
    if (block.type === 'tool_use' && block.input !== undefined) {
      // Serializing is recursive: input nested 10,000 deep exhausted the stack.
      if (!nestsAtMost(block.input, MAX_NESTING)) {
        hints.tooDeep = true;
        return undefined;
      }
      parts.push(JSON.stringify(block.input));
    }
    if (block.type === 'tool_result') {
      const inner = contentText(block.content, hints, depth + 1);
      if (inner) parts.push(inner);
    }
  }
  return parts.join('\n');
}

/** Text a message carries outside `content` and is billed for (OpenAI tool calls). */
function toolCallText(message: Record<string, Json>): string {
  const calls = message.tool_calls;
  const out: string[] = [];
  if (Array.isArray(calls)) {
    for (const c of calls) {
      if (isObject(c) && isObject(c.function)) {
        const f = c.function;
        out.push([typeof f.name === 'string' ? f.name : '', typeof f.arguments === 'string' ? f.arguments : ''].join(''));
      }
    }
  }
  if (isObject(message.function_call)) {
    const f = message.function_call;
    out.push([typeof f.name === 'string' ? f.name : '', typeof f.arguments === 'string' ? f.arguments : ''].join(''));
  }
  return out.join('\n');
}

function parseMessages(list: Json[], hints: Hints): ChatMessage[] | undefined {
  const messages: ChatMessage[] = [];
  for (const m of list) {
    if (!isObject(m) || typeof m.role !== 'string' || m.role.length === 0) return undefined;
    if (!('content' in m) && !('tool_calls' in m) && !('function_call' in m)) return undefined;
    const text = contentText(m.content, hints);
    if (text === undefined) return undefined;
    if (OPENAI_ONLY_ROLES.has(m.role)) hints.openai = true;
    const extra = toolCallText(m);
    const msg: ChatMessage = { role: m.role, text: extra ? (text ? `${text}\n${extra}` : extra) : text };
    if (typeof m.name === 'string') msg.name = m.name;
    messages.push(msg);
  }
  return messages.length > 0 ? messages : undefined;
}

/**
 * Recognizes OpenAI-style (`{messages:[…]}` or a bare array of `{role, content}`) and
 * Anthropic-style (`{system?, messages:[…]}`) chat JSON. Returns undefined for anything else;
 * never throws.
 */
export function parseChat(text: string): ChatInput | undefined {
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') return undefined;
  let json: Json;
  try {
    json = JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
  const hints: Hints = { anthropic: false, openai: false };
  if (Array.isArray(json)) {
    const messages = parseMessages(json, hints);
    return messages && !hints.tooDeep ? { format: 'openai', messages } : undefined;
  }
  if (!isObject(json)) return undefined;
  const toolList = json.tools ?? json.functions ?? (isObject(json.result) ? json.result.tools : undefined);
  const tools = toolList === undefined ? undefined : parseTools(toolList);
  if (toolList !== undefined && !tools) return undefined;
  if (!Array.isArray(json.messages)) {
    // Tool definitions alone: an MCP tools/list result (or its JSON-RPC response), a tools array.
    if (!tools) return undefined;
    const anthropic = Array.isArray(toolList) && toolList.some((t) => isObject(t) && 'input_schema' in t);
    return { format: anthropic ? 'anthropic' : 'openai', messages: [], tools };
  }
  const messages = parseMessages(json.messages, hints);
  if (!messages || hints.tooDeep) return undefined;
  if (Array.isArray(toolList) && toolList.some((t) => isObject(t) && 'input_schema' in t)) hints.anthropic = true;
  let system: string | undefined;
  if (json.system !== undefined) {
    system = contentText(json.system, hints);
    if (system === undefined) return undefined;
    hints.anthropic = true;
  }
  if (typeof json.model === 'string' && /^claude/i.test(json.model)) hints.anthropic = true;
  // A top-level system prompt or Claude-only content blocks mean Anthropic, unless OpenAI-only
  // roles or parts say otherwise; plain {messages:[{role, content}]} is read as OpenAI.
  const format: ChatFormat = hints.anthropic && !hints.openai ? 'anthropic' : 'openai';
  const chat: ChatInput = { format, messages };
  if (tools) {
    chat.tools = tools;
    chat.toolChoice = parseToolChoice(json.tool_choice ?? json.function_call);
  }
  if (system !== undefined) {
    if (format === 'anthropic') chat.system = system;
    else chat.messages = [{ role: 'system', text: system }, ...messages];
  }
  return chat;
}

/** Tokens of a chat request: message text plus the format's framing overhead (see top of file),
 *  plus its tool definitions with their framing (tools.ts). */
export function countChat(chat: ChatInput, tokenizer: Tokenizer): number {
  return countChatParts(chat, tokenizer).tokens;
}

/** The same, with the tool definitions' share apart. */
export function countChatParts(chat: ChatInput, tokenizer: Tokenizer): { tokens: number; tools?: ToolsCount } {
  const tokens = countMessages(chat, tokenizer);
  if (!chat.tools) return { tokens };
  const tools = countTools(chat.tools, tokenizer, chat.toolChoice);
  return { tokens: tokens + tools.tokens, tools };
}

function countMessages(chat: ChatInput, tokenizer: Tokenizer): number {
  const o = CHAT_OVERHEAD[chat.format];
  const messages = chat.system !== undefined ? [{ role: 'system', text: chat.system }, ...chat.messages] : chat.messages;
  if (messages.length === 0) return 0;
  let tokens = o.replyPriming;
  for (const m of messages) {
    tokens += o.perMessage + tokenizer.count(m.role) + tokenizer.count(m.text);
    if (m.name !== undefined) tokens += o.perName + tokenizer.count(m.name);
  }
  return tokens;
}

/** Chat JSON is counted as a chat; everything else (plain text, Markdown, prompts, code) as text. */
export function countInput(text: string, tokenizer: Tokenizer): { tokens: number; chat?: ChatFormat; tools?: ToolsCount } {
  const chat = parseChat(text);
  if (chat) return { ...countChatParts(chat, tokenizer), chat: chat.format };
  return { tokens: tokenizer.count(text) };
}
