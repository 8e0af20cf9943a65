// Run in a fresh process by bench/usage-run.mjs: the agent-log scanner in-process, first scan of
// the logs, then a rescan after `appendBytes` were appended to a live session (only new bytes read).
//   usage.js <logs dir> <append bytes>
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { UsageScanner } from '../src/node/usage/scanner';
import type { UsageRecord } from '../src/core/usage/types';
// @ts-expect-error plain ES module shared with the log generator
import { appendUsage } from './usage-logs.mjs';

function totals(records: UsageRecord[]) {
  const t = { requests: 0, input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0 };
  for (const r of records) {
    t.requests++;
    t.input += r.input;
    t.output += r.output;
    t.cacheRead += r.cacheRead;
    t.cacheWrite += r.cacheWrite;
    t.reasoning += r.reasoning;
  }
  return t;
}

async function main(): Promise<void> {
  const [dir, appendArg] = process.argv.slice(2);
  const scanner = new UsageScanner([
    { source: 'claude-code', path: join(dir, 'claude'), explicit: true },
    { source: 'codex', path: join(dir, 'codex'), explicit: true },
  ]);
  const first = scanner.scan();
  const bySource = {
    claude: totals(scanner.records().filter((r) => r.source === 'claude-code')),
    codex: totals(scanner.records().filter((r) => r.source === 'codex')),
  };
  const appended = await appendUsage(dir, Number(appendArg));
  const t0 = performance.now();
  const rescan = scanner.scan();
  const rescanMs = performance.now() - t0;
  const after = scanner.records().length;
  process.stdout.write(
    JSON.stringify({
      first: { ms: first.ms, files: first.files, bytes: first.bytesRead },
      bySource,
      rescan: {
        ms: rescanMs,
        bytes: rescan.bytesRead,
        filesRead: rescan.filesRead,
        newRequests: after - (bySource.claude.requests + bySource.codex.requests),
        appended,
      },
      peakRssMB: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

void main();
