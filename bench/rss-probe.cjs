// Preloaded (node --require) into a process the benchmark starts: on exit, writes the process's
// peak resident memory (KB) to BENCH_RSS_FILE, so ours and ccusage are measured the same way.
const { writeFileSync } = require('node:fs');
const file = process.env.BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
