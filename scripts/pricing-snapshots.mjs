// `npm run pricing:snapshots`: downloads the public machine-readable price lists that
// `npm run pricing:diff` compares our prices with, into pricing/upstream/ (git-ignored, never
// packaged). Needs network: on a machine without it, it says so and changes nothing.
// Each file is checked to be JSON and bounded in size before it replaces the old snapshot, and
// pricing/upstream/sources.json records where and when each was downloaded.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'pricing', 'upstream');
const MAX_BYTES = 64 * 1024 * 1024;
const TIMEOUT_MS = 60_000;

// Keep in step with LIST_INFO in scripts/pricing-diff/lists.ts (file names and addresses).
const LISTS = [
  { file: 'litellm.json', url: 'https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json' },
  { file: 'genai-prices.json', url: 'https://raw.githubusercontent.com/pydantic/genai-prices/main/prices/data.json' },
  { file: 'models.dev.json', url: 'https://models.dev/api.json' },
  { file: 'llm-metadata.json', url: 'https://raw.githubusercontent.com/basellm/llm-metadata/main/dist/api/all.json' },
];

async function download(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_BYTES) throw new Error(`${declared} bytes, more than ${MAX_BYTES}`);
  const text = await response.text();
  if (text.length > MAX_BYTES) throw new Error(`${text.length} characters, more than ${MAX_BYTES}`);
  JSON.parse(text); // refuse an error page or a truncated body before it replaces a good snapshot
  return text;
}

mkdirSync(dir, { recursive: true });
const recordFile = join(dir, 'sources.json');
const record = existsSync(recordFile) ? JSON.parse(readFileSync(recordFile, 'utf8')) : {};
let failed = 0;
for (const { file, url } of LISTS) {
  try {
    const text = await download(url);
    const target = join(dir, file);
    writeFileSync(`${target}.part`, text);
    renameSync(`${target}.part`, target);
    record[file] = { from: url, downloaded: new Date().toISOString().slice(0, 10), bytes: Buffer.byteLength(text) };
    console.log(`${file}: ${Buffer.byteLength(text)} bytes from ${url}`);
  } catch (err) {
    failed++;
    const cause = err instanceof Error ? `${err.message}${err.cause ? ` (${err.cause.code ?? err.cause.message ?? err.cause})` : ''}` : String(err);
    console.error(`${file}: cannot download ${url}: ${cause}`);
  }
}
writeFileSync(recordFile, JSON.stringify(record, null, 2) + '\n');
if (failed === LISTS.length) {
  console.error(
    'No list could be downloaded: this machine seems to be offline. Run npm run pricing:snapshots on a machine with network; the old snapshots (if any) are unchanged.',
  );
}
process.exitCode = failed ? 1 : 0;
