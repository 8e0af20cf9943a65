// The agent-log section of bench/RESULTS.md (data from bench/usage-run.mjs).
const f = (x, d = 1) => (x === undefined || Number.isNaN(x) ? '–' : x.toLocaleString('en', { minimumFractionDigits: d, maximumFractionDigits: d }));
const n = (x) => (x === undefined ? '–' : x.toLocaleString('en'));
const table = (header, rows) => [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const ok = (b) => (b ? 'met' : '**not met**');
const FIELDS = [
  ['requests', 'requests'],
  ['input', 'input (no cache)'],
  ['output', 'output (visible)'],
  ['cacheRead', 'cache read'],
  ['cacheWrite', 'cache write'],
  ['reasoning', 'reasoning'],
];

function diff(value, truth) {
  if (value === undefined) return '–';
  if (value === truth) return `${n(value)} ✓`;
  const pct = truth ? ((value - truth) / truth) * 100 : Infinity;
  return `${n(value)} (${pct > 0 ? '+' : ''}${f(pct, 1)}%)`;
}

/** Target rows for the Targets table. */
export function usageTargets(u) {
  const r = u.runs;
  const ccusageMs = (r.ccusageClaude.ms ?? NaN) + (r.ccusageCodex.ms ?? NaN);
  const ratio = ccusageMs / (r.oursClaude.ms + r.oursCodex.ms);
  const peak = Math.max(r.oursBoth.peakRssMB ?? 0, u.scan.peakRssMB ?? 0);
  const scale = (1024 * 1024 * 1024) / u.bytes;
  return [
    [
      'first scan of 1 GB of agent logs under 15 s (2 cores)',
      `token-spend usage on both agents: ${f(r.oursBoth.ms / 1000, 2)} s for ${f(u.bytes / 1048576, 0)} MB${scale !== 1 ? ` (quick run; ×${f(scale, 0)} ≈ ${f((r.oursBoth.ms * scale) / 1000, 1)} s)` : ''}`,
      ok(r.oursBoth.ms * scale < 15000),
    ],
    [
      'at least 3× faster than ccusage on the same files',
      `${f(ratio, 1)}× (ccusage ${f(ccusageMs / 1000, 2)} s, ours ${f((r.oursClaude.ms + r.oursCodex.ms) / 1000, 2)} s, one agent at a time)`,
      Number.isNaN(ratio) ? '–' : ok(ratio >= 3),
    ],
    [
      'rescan after 1 MB appended under 200 ms',
      `${f(u.scan.rescan?.ms, 0)} ms (${n(u.scan.rescan?.bytes)} bytes read, ${n(u.scan.rescan?.newRequests)} new requests)`,
      ok(u.scan.rescan?.ms < 200),
    ],
    ['peak memory under 300 MB', `${f(peak, 0)} MB (CLI ${f(r.oursBoth.peakRssMB, 0)} MB, scanner in-process ${f(u.scan.peakRssMB, 0)} MB)`, ok(peak < 300)],
  ];
}

export function usageReport(u, lines) {
  const r = u.runs;
  lines.push('', '## Agent logs: first scan, rescan and memory, side by side with ccusage', '');
  lines.push(
    `${f(u.bytes / 1048576, 0)} MB of synthetic logs (bench/usage-logs.mjs): Claude Code ${n(u.generated.claude.files)} session files, ${n(u.generated.claude.requests)} requests, each response written on two lines with the same usage; Codex ${n(u.generated.codex.files)} rollout files, ${n(u.generated.codex.requests)} requests, running totals, 30% of token_count events repeated without a new request. Each command in a fresh process; peak memory = the process's maxRSS (bench/rss-probe.cjs). ccusage ${'18.0.11'} (npm \`ccusage\`, Claude Code) and @ccusage/codex 18.0.11, \`daily --json --offline\`.`,
    '',
  );
  lines.push(
    table(
      ['command', 'wall time', 'peak memory'],
      [
        ['token-spend usage, both agents (parse, dedupe, price)', `${f(r.oursBoth.ms / 1000, 2)} s`, `${f(r.oursBoth.peakRssMB, 0)} MB`],
        ['token-spend usage, Claude Code only', `${f(r.oursClaude.ms / 1000, 2)} s`, `${f(r.oursClaude.peakRssMB, 0)} MB`],
        ['ccusage daily (Claude Code)', r.ccusageClaude.error ?? `${f(r.ccusageClaude.ms / 1000, 2)} s`, `${f(r.ccusageClaude.peakRssMB, 0)} MB`],
        ['ratio, Claude Code', `${f(r.ccusageClaude.ms / r.oursClaude.ms, 1)}×`, `${f(r.ccusageClaude.peakRssMB / r.oursClaude.peakRssMB, 1)}×`],
        ['token-spend usage, Codex only', `${f(r.oursCodex.ms / 1000, 2)} s`, `${f(r.oursCodex.peakRssMB, 0)} MB`],
        ['@ccusage/codex daily (Codex)', r.ccusageCodex.error ?? `${f(r.ccusageCodex.ms / 1000, 2)} s`, `${f(r.ccusageCodex.peakRssMB, 0)} MB`],
        ['ratio, Codex', `${f(r.ccusageCodex.ms / r.oursCodex.ms, 1)}×`, `${f(r.ccusageCodex.peakRssMB / r.oursCodex.peakRssMB, 1)}×`],
        ['scanner in-process: first scan', `${f(u.scan.first?.ms / 1000, 2)} s (${n(u.scan.first?.files)} files)`, `${f(u.scan.peakRssMB, 0)} MB`],
        ['scanner in-process: rescan after 1 MB appended', `${f(u.scan.rescan?.ms, 1)} ms (${n(u.scan.rescan?.bytes)} bytes read)`, ''],
      ],
    ),
  );
  lines.push(
    '',
    "Token totals against what the generator wrote (once per request). ccusage's Codex figures are converted to the same fields (its input includes the cached part and its output the reasoning).",
    '',
  );
  const rows = [];
  for (const agent of ['claude', 'codex']) {
    const t = u.totals[agent];
    for (const [key, label] of FIELDS) {
      if (key === 'requests' && !t.ours) continue;
      rows.push([
        agent === 'claude' ? 'Claude Code' : 'Codex',
        label,
        n(t.truth[key]),
        diff(t.ours?.[key], t.truth[key]),
        key === 'requests' ? '–' : diff(t.ccusage?.[key], t.truth[key]),
      ]);
    }
  }
  lines.push(table(['agent', 'tokens', 'written', 'token-spend', 'ccusage'], rows));
}
