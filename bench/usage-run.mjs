// The agent-log section of npm run bench: writes synthetic Claude Code and Codex logs (1 GB, or
// 100 MB with --quick), then on the same files, each in a fresh process with its peak memory read
// the same way (rss-probe.cjs): `token-spend usage` and ccusage (npm: ccusage for Claude Code,
// @ccusage/codex for Codex), and in-process the first scan and a rescan after 1 MB is appended.
// Token totals are set beside what the generator wrote (once per request).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeUsageLogs } from './usage-logs.mjs';

function timed(root, args, env, tmp) {
  const rssFile = join(tmp, 'rss.txt');
  rmSync(rssFile, { force: true });
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', join(root, 'bench', 'rss-probe.cjs'), ...args], {
    cwd: root,
    env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile },
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) return { error: `exit ${r.status}: ${(r.stderr || '').split('\n')[0]}` };
  let peakRssMB;
  try {
    peakRssMB = Number(readFileSync(rssFile, 'utf8')) / 1024;
  } catch {
    peakRssMB = undefined;
  }
  return { ms, peakRssMB, json: JSON.parse(r.stdout) };
}

/** Our --json totals → the generator's fields (input without cache, visible output, thinking apart). */
function oursTotals(json) {
  const t = json.totals;
  return {
    requests: t.requests,
    input: t.inputTokens,
    output: t.outputTokens,
    cacheRead: t.cacheReadTokens,
    cacheWrite: t.cacheWriteTokens,
    reasoning: t.reasoningTokens,
  };
}

/** ccusage's Claude totals: input excludes cache, as Anthropic bills it. */
function ccusageClaude(json) {
  const t = json.totals;
  return { input: t.inputTokens, output: t.outputTokens, cacheRead: t.cacheReadTokens, cacheWrite: t.cacheCreationTokens, reasoning: 0 };
}

/** @ccusage/codex totals: OpenAI's input includes the cached part and output includes reasoning. */
function ccusageCodex(json) {
  const t = json.totals;
  return {
    input: t.inputTokens - t.cachedInputTokens,
    output: t.outputTokens - t.reasoningOutputTokens,
    cacheRead: t.cachedInputTokens,
    cacheWrite: 0,
    reasoning: t.reasoningOutputTokens,
  };
}

export async function usageSection({ root, out, build, dist, quick }) {
  const bytes = quick ? 100 * 1024 * 1024 : 1024 * 1024 * 1024;
  const logs = join(out, 'usage-logs');
  const generated = await writeUsageLogs(logs, bytes);
  const claudeDir = join(logs, 'claude');
  const codexDir = join(logs, 'codex');
  const cli = join(dist, 'cli.js');
  const ours = (sources) => ['usage', '--no-local', ...sources.flatMap((s) => ['--source', s]), '--since', '2000-01-01', '--json', '--lang', 'en'];
  const runs = {
    oursBoth: timed(root, [cli, ...ours([`claude-code=${claudeDir}`, `codex=${codexDir}`])], {}, out),
    oursClaude: timed(root, [cli, ...ours([`claude-code=${claudeDir}`])], {}, out),
    oursCodex: timed(root, [cli, ...ours([`codex=${codexDir}`])], {}, out),
    ccusageClaude: timed(
      root,
      [join(root, 'node_modules', 'ccusage', 'dist', 'index.js'), 'daily', '--json', '--offline'],
      { CLAUDE_CONFIG_DIR: claudeDir },
      out,
    ),
    ccusageCodex: timed(
      root,
      [join(root, 'node_modules', '@ccusage', 'codex', 'dist', 'index.js'), 'daily', '--json', '--offline'],
      { CODEX_HOME: codexDir },
      out,
    ),
  };
  const scan = timed(root, [join(build, 'usage.js'), logs, String(1024 * 1024)], {}, out);
  const strip = (r) => (r.error ? r : { ms: r.ms, peakRssMB: r.peakRssMB });
  const result = {
    bytes,
    generated,
    runs: Object.fromEntries(Object.entries(runs).map(([k, r]) => [k, strip(r)])),
    totals: {
      claude: {
        truth: { requests: generated.claude.requests, ...generated.claude.truth },
        ours: runs.oursClaude.json ? oursTotals(runs.oursClaude.json) : undefined,
        ccusage: runs.ccusageClaude.json ? ccusageClaude(runs.ccusageClaude.json) : undefined,
      },
      codex: {
        truth: { requests: generated.codex.requests, ...generated.codex.truth },
        ours: runs.oursCodex.json ? oursTotals(runs.oursCodex.json) : undefined,
        ccusage: runs.ccusageCodex.json ? ccusageCodex(runs.ccusageCodex.json) : undefined,
      },
    },
    scan: scan.error ? scan : { ...scan.json, processPeakRssMB: scan.peakRssMB },
  };
  rmSync(logs, { recursive: true, force: true });
  return result;
}
