/**
 * Always-sent context added to the input of a priced request (the comparison panel's "include
 * always-sent context"): the instruction files of the agent that sends the most with the current
 * model's tokenizer, counted once per tokenizer of the comparison and added to every row's input.
 */
import type { TokenizerId } from '../tokenize/ids';
import type { TokenCountResult } from '../types';
import { AGENT_NAMES, type Agent, type AgentContext } from './rules';

/** Files counted for one comparison at most (discovery bounds them too). */
export const MAX_INCLUDED_FILES = 300;

export interface IncludedContext {
  agent: Agent;
  agentName: string;
  /** The agent's files with their tokens for the current model's tokenizer, biggest first. */
  files: { path: string; tokens: number }[];
  /** All of them, for the current model's tokenizer. */
  tokens: number;
  exact: boolean;
  /** What each tokenizer of the comparison adds to the input. */
  byTokenizer: Partial<Record<TokenizerId, { tokens: number; exact: boolean }>>;
}

/** Counts one text with several tokenizers (the comparison's counter: the editor passes its worker). */
export type TextCounter = (text: string, ids: TokenizerId[]) => Promise<Map<TokenizerId, TokenCountResult>>;

/**
 * The always-sent files to add to the request: each distinct file counted once with every
 * tokenizer in `ids`; of the agents, the one whose files come to the most tokens with
 * `currentTokenizer` (ties: the first in `groups`). Undefined when no agent sends anything.
 */
export async function includedContext(
  groups: readonly AgentContext[],
  ids: readonly TokenizerId[],
  currentTokenizer: TokenizerId,
  count: TextCounter,
): Promise<IncludedContext | undefined> {
  const wanted = [...new Set([currentTokenizer, ...ids])];
  const texts = new Map<string, string>();
  for (const g of groups) for (const f of g.files) if (texts.size < MAX_INCLUDED_FILES || texts.has(f.path)) texts.set(f.path, f.text);
  const counted = new Map<string, Map<TokenizerId, TokenCountResult>>();
  for (const [path, text] of texts) counted.set(path, await count(text, wanted));
  const tokensOf = (path: string, id: TokenizerId) => counted.get(path)?.get(id)?.tokens ?? 0;
  let best: { group: AgentContext; tokens: number } | undefined;
  for (const group of groups) {
    const paths = [...new Set(group.files.map((f) => f.path))].filter((p) => counted.has(p));
    if (!paths.length) continue;
    const tokens = paths.reduce((sum, p) => sum + tokensOf(p, currentTokenizer), 0);
    if (!best || tokens > best.tokens) best = { group, tokens };
  }
  if (!best) return undefined;
  const paths = [...new Set(best.group.files.map((f) => f.path))].filter((p) => counted.has(p));
  const byTokenizer: IncludedContext['byTokenizer'] = {};
  for (const id of wanted) {
    byTokenizer[id] = {
      tokens: paths.reduce((sum, p) => sum + tokensOf(p, id), 0),
      exact: paths.every((p) => counted.get(p)?.get(id)?.exact ?? false),
    };
  }
  const files = paths.map((path) => ({ path, tokens: tokensOf(path, currentTokenizer) })).sort((x, y) => y.tokens - x.tokens || x.path.localeCompare(y.path));
  return {
    agent: best.group.agent,
    agentName: AGENT_NAMES[best.group.agent],
    files,
    tokens: best.tokens,
    exact: byTokenizer[currentTokenizer]!.exact,
    byTokenizer,
  };
}

/** A row's count with the included context added to its input. */
export function withIncluded(count: TokenCountResult, included: IncludedContext | undefined): TokenCountResult {
  const extra = included?.byTokenizer[count.tokenizer];
  if (!extra) return count;
  return { ...count, tokens: count.tokens + extra.tokens, exact: count.exact && extra.exact };
}
