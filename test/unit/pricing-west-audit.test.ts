// An independent check of the Western vendors' prices through the CLI, the way a user (or an
// auditor) sees them: `token-spend <prompt> --json` at noon UTC on 2026-12-06, per-1M input and
// output rates derived from each row's cost, compared with list prices read on 2026-12-06 from
// stored copies of the pages named below. The figures here were collected apart from
// pricing/vendors/ (by the audit of that day); a disagreement over 1% fails the test and names
// both figures. "vendor" = the vendor's own page, "secondary" = a page that quotes it.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'dist', 'cli.js');
const AT = '2026-12-06T12:00:00Z';
const VENDORS = ['openai', 'anthropic', 'google', 'xai', 'mistral'];

interface Figure {
  input: number;
  output: number;
  kind: 'vendor' | 'secondary';
  source: string;
}

const SIM_OPENAI = 'https://docs.sim.ai/models/openai.md';
const SIM_GOOGLE = 'https://docs.sim.ai/models/google.md';
const SIM_XAI = 'https://docs.sim.ai/models/xai';
const SIM_MISTRAL = 'https://docs.sim.ai/models/mistral.md';
const CLAUDE_PRICING = 'https://platform.claude.com/docs/en/about-claude/pricing';
const GOOGLE_PAGE_2026_10_07 = 'https://github.com/api-evangelist/deepmind/blob/47a9772bdb46163b5e5560285bbc88bb11b86073/plans/deepmind-plans-pricing.yml';

/** USD per 1M tokens, short-context Standard rates, as read on 2026-12-06. */
const FIGURES: Record<string, Figure> = {
  'openai/gpt-6.2-astra': { input: 8, output: 40, kind: 'secondary', source: SIM_OPENAI },
  'openai/gpt-6.2-sol': { input: 2, output: 10, kind: 'vendor', source: 'https://developers.openai.com/api/docs/models/gpt-6.2-sol' },
  'openai/gpt-6-astra': { input: 10, output: 50, kind: 'secondary', source: SIM_OPENAI },
  'openai/gpt-6.1-sol': { input: 2, output: 10, kind: 'secondary', source: SIM_OPENAI },
  'openai/gpt-6-sol': { input: 2, output: 10, kind: 'secondary', source: SIM_OPENAI },
  'openai/gpt-6.1-terra': { input: 1, output: 5, kind: 'secondary', source: SIM_OPENAI },
  'openai/gpt-6-luna': { input: 0.1, output: 0.5, kind: 'vendor', source: 'https://developers.openai.com/ja-JP/api/docs/models/gpt-6-luna' },
  // The promotion ($4 / $20 from 2026-08-21) ended on 2026-11-30: list price again from 2026-12-01 (APIYI's notice of that day; LaoZhang's of 2026-11-30 agrees).
  'openai/gpt-5.6-sol': { input: 5, output: 30, kind: 'secondary', source: 'https://docs.apiyi.com/en/live/2026-12/gpt-5-6-gemini-4-price-adjustment.md' },
  'openai/gpt-5.6-terra': { input: 2, output: 12, kind: 'secondary', source: SIM_OPENAI },
  'openai/gpt-5.6-luna': { input: 0.2, output: 1.2, kind: 'vendor', source: 'https://developers.openai.com/api/docs/models/gpt-5.6-luna' },
  'openai/gpt-5.5': { input: 5, output: 30, kind: 'secondary', source: SIM_OPENAI },
  'openai/gpt-5.5-pro': { input: 30, output: 180, kind: 'secondary', source: SIM_OPENAI },
  'openai/gpt-5.4': { input: 2.5, output: 15, kind: 'secondary', source: SIM_OPENAI },
  'openai/gpt-5.4-mini': { input: 0.75, output: 4.5, kind: 'secondary', source: SIM_OPENAI },
  'openai/gpt-5.4-nano': { input: 0.2, output: 1.25, kind: 'vendor', source: 'https://developers.openai.com/api/docs/models/gpt-5.4-nano' },
  'openai/gpt-5.4-pro': { input: 30, output: 180, kind: 'vendor', source: 'https://developers.openai.com/ko-KR/api/docs/models/gpt-5.4-pro' },
  'openai/gpt-5.2': { input: 1.75, output: 14, kind: 'secondary', source: SIM_OPENAI },
  'openai/gpt-5.2-pro': { input: 21, output: 168, kind: 'secondary', source: SIM_OPENAI },
  'openai/gpt-5.1': { input: 1.25, output: 10, kind: 'vendor', source: 'https://developers.openai.com/api/docs/models/gpt-5.1' },
  'openai/gpt-5-nano': { input: 0.05, output: 0.4, kind: 'vendor', source: 'https://developers.openai.com/api/docs/models/gpt-5-nano' },
  'anthropic/claude-fable-5-2': { input: 8, output: 40, kind: 'secondary', source: 'https://github.com/phuryn/claude-usage/releases/tag/v1.5.7' },
  'anthropic/claude-fable-5-1': { input: 10, output: 50, kind: 'vendor', source: CLAUDE_PRICING },
  'anthropic/claude-opus-5-5': { input: 4, output: 20, kind: 'vendor', source: 'https://platform.claude.com/docs/zh/about-claude/models/overview' },
  'anthropic/claude-opus-5': { input: 5, output: 25, kind: 'vendor', source: CLAUDE_PRICING },
  'anthropic/claude-sonnet-5-5': { input: 2, output: 10, kind: 'secondary', source: 'https://github.com/phuryn/claude-usage/releases/tag/v1.5.7' },
  'anthropic/claude-sonnet-5': { input: 2, output: 10, kind: 'vendor', source: 'https://platform.claude.com/docs/es/models/overview' },
  'anthropic/claude-haiku-5-5': { input: 0.1, output: 0.5, kind: 'secondary', source: 'https://github.com/phuryn/claude-usage/releases/tag/v1.5.7' },
  'anthropic/claude-haiku-4-5': { input: 1, output: 5, kind: 'vendor', source: 'https://platform.claude.com/docs/es/models/overview' },
  'anthropic/claude-opus-4-8': { input: 5, output: 25, kind: 'vendor', source: CLAUDE_PRICING },
  'anthropic/claude-opus-4-7': { input: 5, output: 25, kind: 'vendor', source: CLAUDE_PRICING },
  'anthropic/claude-opus-4-6': { input: 5, output: 25, kind: 'vendor', source: CLAUDE_PRICING },
  'anthropic/claude-opus-4-5': { input: 5, output: 25, kind: 'vendor', source: CLAUDE_PRICING },
  'anthropic/claude-opus-4-1': { input: 15, output: 75, kind: 'vendor', source: CLAUDE_PRICING },
  'anthropic/claude-sonnet-4-6': { input: 3, output: 15, kind: 'vendor', source: 'https://platform.claude.com/docs/zh-CN/about-claude/pricing' },
  'anthropic/claude-sonnet-4-5': { input: 3, output: 15, kind: 'vendor', source: 'https://platform.claude.com/docs/zh-CN/about-claude/pricing' },
  // Argon and Carbon: Sim still lists the launch price; LiteLLM quotes Google's step to $4 / $20 on 2026-12-01.
  'google/gemini-4-argon': { input: 4, output: 20, kind: 'secondary', source: 'https://github.com/BerriAI/litellm/discussions/46238' },
  'google/gemini-4-neon': { input: 3, output: 15, kind: 'secondary', source: SIM_GOOGLE },
  'google/gemini-4-hydrogen': { input: 1.5, output: 7.5, kind: 'secondary', source: SIM_GOOGLE },
  'google/gemini-3.8-flash': { input: 0.75, output: 3.75, kind: 'secondary', source: SIM_GOOGLE },
  'google/gemini-3.5-flash-lite': { input: 0.3, output: 2.5, kind: 'secondary', source: SIM_GOOGLE },
  // Google's pricing page as API Evangelist transcribed it on 2026-10-07 (the newest dated read of it found).
  'google/gemini-3.5-flash': { input: 1.5, output: 9, kind: 'secondary', source: GOOGLE_PAGE_2026_10_07 },
  'google/gemini-3.1-pro-preview': { input: 2, output: 12, kind: 'secondary', source: SIM_GOOGLE },
  'google/gemini-3.1-flash-lite': { input: 0.25, output: 1.5, kind: 'secondary', source: SIM_GOOGLE },
  'google/gemini-3-flash-preview': { input: 0.5, output: 3, kind: 'secondary', source: SIM_GOOGLE },
  'xai/grok-4.7': { input: 2, output: 6, kind: 'secondary', source: SIM_XAI },
  'xai/grok-4.6': { input: 2, output: 6, kind: 'secondary', source: SIM_XAI },
  'xai/grok-4.5': { input: 2, output: 6, kind: 'secondary', source: SIM_XAI },
  'xai/grok-4.3': { input: 1.25, output: 2.5, kind: 'secondary', source: SIM_XAI },
  'xai/grok-4.20-0309-reasoning': { input: 1.25, output: 2.5, kind: 'secondary', source: SIM_XAI },
  'xai/grok-4.20-0309-non-reasoning': { input: 1.25, output: 2.5, kind: 'secondary', source: SIM_XAI },
  'xai/grok-build-0.1': { input: 1, output: 2, kind: 'secondary', source: 'https://docs.apiyi.com/api-capabilities/grok/overview' },
  'mistral/mistral-large-4': { input: 0.7, output: 2.1, kind: 'secondary', source: SIM_MISTRAL },
  'mistral/mistral-large-latest': { input: 0.7, output: 2.1, kind: 'secondary', source: SIM_MISTRAL },
  'mistral/mistral-medium-3.5': { input: 1.5, output: 7.5, kind: 'secondary', source: SIM_MISTRAL },
  'mistral/mistral-small-latest': { input: 0.15, output: 0.6, kind: 'secondary', source: SIM_MISTRAL },
  'mistral/codestral-latest': { input: 0.3, output: 0.9, kind: 'secondary', source: SIM_MISTRAL },
  'mistral/ministral-14b-latest': { input: 0.2, output: 0.2, kind: 'secondary', source: SIM_MISTRAL },
  'mistral/ministral-8b-latest': { input: 0.15, output: 0.15, kind: 'secondary', source: SIM_MISTRAL },
  'mistral/ministral-3b-latest': { input: 0.1, output: 0.1, kind: 'secondary', source: SIM_MISTRAL },
};

interface Row {
  model: { id: string; vendor: string };
  cost?: { input: number; output: number; tokens: { input: number; output: number } };
  unpriced?: string;
}

/** Our per-1M rates as the CLI prices a short prompt with 1,000 output tokens. */
function cliRates(): Map<string, { input: number; output: number } | undefined> {
  const prompt = 'Refactor the billing module so that invoices are generated in one pass. '.repeat(40);
  const r = spawnSync(process.execPath, [cli, '-', '--vendors', VENDORS.join(','), '--output', '1000', '--at', AT, '--json'], {
    cwd: root,
    input: prompt,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C', LC_ALL: '' },
  });
  assert.equal(r.status, 0, r.stderr);
  const rows = (JSON.parse(r.stdout) as { rows: Row[] }).rows;
  const out = new Map<string, { input: number; output: number } | undefined>();
  for (const row of rows) {
    if (!VENDORS.includes(row.model.vendor)) continue;
    const c = row.cost;
    out.set(row.model.id, c && c.tokens.input > 0 ? { input: (c.input / c.tokens.input) * 1e6, output: (c.output / c.tokens.output) * 1e6 } : undefined);
  }
  return out;
}

const within = (ours: number, theirs: number) => Math.abs(ours - theirs) <= Math.abs(theirs) * 0.01;

describe('Western list prices through the CLI against the prices read on 2026-12-06', () => {
  const ours = cliRates();

  test('every figure read agrees with the CLI within 1% (input and output per 1M)', (t) => {
    const disagreements: string[] = [];
    for (const [id, f] of Object.entries(FIGURES)) {
      const o = ours.get(id);
      const line = `${id}: ours ${o ? `${o.input.toPrecision(4)} / ${o.output.toPrecision(4)}` : 'not priced'}; read ${f.input} / ${f.output} (${f.kind}, ${f.source})`;
      t.diagnostic(line);
      if (!o || !within(o.input, f.input) || !within(o.output, f.output)) disagreements.push(line);
    }
    assert.deepEqual(disagreements, []);
  });

  test("the models no figure was read for today are named, and each vendor's flagship and cheapest tier have one", (t) => {
    const unread = [...ours.keys()].filter((id) => !(id in FIGURES)).sort();
    t.diagnostic(`no figure read on 2026-12-06: ${unread.join(', ')}`);
    for (const id of Object.keys(FIGURES)) assert.ok(ours.has(id), `${id} is not in the CLI's output`);
    for (const id of [
      'openai/gpt-6.2-astra',
      'openai/gpt-6-luna',
      'anthropic/claude-fable-5-2',
      'anthropic/claude-haiku-5-5',
      'google/gemini-4-argon',
      'google/gemini-3.1-flash-lite',
      'xai/grok-4.7',
      'xai/grok-build-0.1',
      'mistral/mistral-large-4',
      'mistral/ministral-3b-latest',
    ]) {
      assert.ok(id in FIGURES && ours.get(id), `${id}: flagship or cheapest tier without a read figure or without a CLI price`);
    }
  });
});
