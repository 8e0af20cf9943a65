// Preloaded (node --require) into a process whose peak memory the benchmark wants: writes the
// peak resident set size in kilobytes to $BENCH_PEAK_FILE when the process exits.
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  if (process.env.BENCH_PEAK_FILE) writeFileSync(process.env.BENCH_PEAK_FILE, String(process.resourceUsage().maxRSS));
});
