// Assembles the benchmark corpora from real text available offline on this machine, and caches
// them in bench/results/corpora/ (git-ignored). Every corpus is a concatenation of whole distinct files (sorted by
// path, de-duplicated by content, without files holding a pathological run: see PATHOLOGICAL_RUN);
// a corpus is repeated only when fewer distinct bytes exist than its size asks for (then SOURCES says so).
//
//   en    English prose/markdown: *.md in node_modules, then *.md / *.txt / README / copyright
//         files under /usr/share/doc (Debian package documentation and licences)
//   zh    Chinese: the repo's Chinese demo prompt and l10n files, TypeScript's zh-cn/zh-tw
//         compiler messages, the zh_CN man pages (roff markup stripped), and the Chinese
//         translations (msgstr) of every gettext catalogue under /usr/share/locale/zh_{CN,TW}
//   code  TypeScript: the repo's src/, then *.ts and *.mts (not .d.ts) in node_modules, then .d.ts
//   mixed 4 KB slices taken in turn from en, zh, code and JSON (package.json / pricing files)
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'bench', 'results', 'corpora');
export const CORPUS_NAMES = ['en', 'zh', 'code', 'mixed'];
export const MAX_BYTES = 10 * 1024 * 1024;

function walk(dir, accept, found = []) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, accept, found);
    else if (e.isFile() && accept(p)) found.push(p);
  }
  return found;
}

const HAN = /[\u4e00-\u9fff]/g;

// Files holding a run of 1,000+ characters of one class (minified bundles, base64 data) are left
// out. BPE is quadratic in such a run: plain js-tiktoken spent 168 s on a 10 MB code corpus that
// held some, and our long-run guard (src/core/tokenize/bpe/long-runs.ts) deliberately counts such runs
// in parts, so the counts there are not meant to be identical. Same pattern as the guard.
const PATHOLOGICAL_RUN = /[\p{L}\p{M}]{1000}|\s{1000}|[^\s\p{L}\p{M}\p{N}]{1000}/u;
function hanShare(text) {
  return (text.match(HAN)?.length ?? 0) / Math.max(1, text.length);
}

/** Reads files until `bytes` distinct bytes are collected; returns the texts and a note of where they came from. */
function collect(groups, bytes, keep = () => true) {
  const seen = new Set();
  const texts = [];
  const notes = [];
  let total = 0;
  for (const { label, files, read = (p) => readFileSync(p, 'utf8') } of groups) {
    let n = 0;
    let b = 0;
    for (const f of files) {
      if (total >= bytes) break;
      let text;
      try {
        text = read(f);
      } catch {
        continue;
      }
      if (!text || text.includes('\u0000') || PATHOLOGICAL_RUN.test(text) || !keep(text)) continue;
      const hash = createHash('sha1').update(text).digest('hex');
      if (seen.has(hash)) continue;
      seen.add(hash);
      texts.push(text);
      const size = Buffer.byteLength(text);
      total += size;
      b += size;
      n++;
    }
    if (n) notes.push(`${n} files, ${(b / 1048576).toFixed(2)} MB: ${label}`);
  }
  return { texts, notes, total };
}

/** Joins texts, repeating the list if needed, and cuts at a line end near `bytes` UTF-8 bytes. */
function assemble(texts, bytes) {
  const parts = [];
  let size = 0;
  let rounds = 0;
  while (size < bytes && texts.length) {
    for (const t of texts) {
      parts.push(t.endsWith('\n') ? t : t + '\n');
      size += Buffer.byteLength(t) + 1;
      if (size >= bytes) break;
    }
    rounds++;
  }
  return { text: cutToBytes(parts.join(''), bytes), rounds };
}

/** The longest prefix of `text` of at most `bytes` UTF-8 bytes, ending at a line end when one is near. */
export function cutToBytes(text, bytes) {
  const buf = Buffer.from(text.slice(0, bytes), 'utf8');
  if (buf.length <= bytes && text.length <= bytes) return text;
  let s = buf.subarray(0, bytes).toString('utf8');
  if (s.endsWith('\uFFFD')) s = s.slice(0, -1);
  const nl = s.lastIndexOf('\n');
  return nl > s.length * 0.9 ? s.slice(0, nl + 1) : s;
}

/** The translated strings (msgstr) of a GNU gettext .mo catalogue. */
function moTranslations(path) {
  const buf = readFileSync(path);
  const magic = buf.readUInt32LE(0);
  const read = magic === 0x950412de ? (o) => buf.readUInt32LE(o) : (o) => buf.readUInt32BE(o);
  const count = read(8);
  const table = read(16);
  const out = [];
  for (let i = 1; i < count; i++) {
    const len = read(table + i * 8);
    const off = read(table + i * 8 + 4);
    out.push(
      buf
        .subarray(off, off + len)
        .toString('utf8')
        .split('\u0000')
        .join('\n'),
    );
  }
  return out.join('\n\n');
}

/** Plain text of a roff man page: drops requests and font escapes. */
function manText(path) {
  const raw = path.endsWith('.gz') ? gunzipSync(readFileSync(path)).toString('utf8') : readFileSync(path, 'utf8');
  return raw
    .split('\n')
    .filter((l) => !l.startsWith('.\\"') && !l.startsWith('\'\\"'))
    .map((l) => (l.startsWith('.') ? l.replace(/^\.[A-Za-z]+\s*/, '') : l))
    .join('\n')
    .replace(/\\f[BIRP]|\\f\(..|\\\(..|\\-|\\&|\\e/g, '');
}

const isMd = (p) => /\.(md|markdown)$/i.test(p);

function english() {
  const { texts, notes } = collect(
    [
      { label: 'node_modules/**/*.md', files: walk(join(root, 'node_modules'), isMd) },
      { label: '/usr/share/doc/**/*.{md,txt}', files: walk('/usr/share/doc', (p) => /\.(md|txt)$/i.test(p)) },
      { label: '/usr/share/doc/*/README*, copyright', files: walk('/usr/share/doc', (p) => /\/(README[^/]*|copyright)$/.test(p) && !p.endsWith('.gz')) },
    ],
    MAX_BYTES,
    (t) => hanShare(t) < 0.001 && !/<html/i.test(t.slice(0, 2000)),
  );
  return { texts, notes };
}

function chinese() {
  const tsLib = join(root, 'node_modules', 'typescript', 'lib');
  const diagnostics = (p) => Object.values(JSON.parse(readFileSync(p, 'utf8'))).join('\n');
  const { texts, notes } = collect(
    [
      {
        label: 'repo: demo/prompt-zh.md, package.nls.zh-cn.json, l10n/*zh*',
        files: [join(root, 'demo/prompt-zh.md'), join(root, 'package.nls.zh-cn.json'), ...walk(join(root, 'l10n'), (p) => p.includes('zh'))].filter(existsSync),
      },
      {
        label: 'typescript/lib/zh-{cn,tw}/diagnosticMessages.generated.json (values)',
        files: [join(tsLib, 'zh-cn', 'diagnosticMessages.generated.json'), join(tsLib, 'zh-tw', 'diagnosticMessages.generated.json')].filter(existsSync),
        read: diagnostics,
      },
      { label: '/usr/share/man/zh_CN (roff stripped)', files: walk('/usr/share/man/zh_CN', () => true), read: manText },
      { label: '/usr/share/locale/zh_CN/**/*.mo (msgstr)', files: walk('/usr/share/locale/zh_CN', (p) => p.endsWith('.mo')), read: moTranslations },
      { label: '/usr/share/locale/zh_TW/**/*.mo (msgstr)', files: walk('/usr/share/locale/zh_TW', (p) => p.endsWith('.mo')), read: moTranslations },
    ],
    MAX_BYTES,
    (t) => hanShare(t) > 0.05,
  );
  return { texts, notes };
}

function code() {
  const isTs = (p) => /\.(ts|mts)$/.test(p) && !/\.d\.m?ts$/.test(p);
  const { texts, notes } = collect(
    [
      { label: 'repo src/**/*.ts', files: walk(join(root, 'src'), isTs) },
      { label: 'node_modules/**/*.{ts,mts} (not .d.ts)', files: walk(join(root, 'node_modules'), isTs) },
      { label: 'node_modules/**/*.d.ts', files: walk(join(root, 'node_modules'), (p) => p.endsWith('.d.ts')) },
    ],
    MAX_BYTES,
  );
  return { texts, notes };
}

function json() {
  const { texts, notes } = collect(
    [
      { label: 'repo pricing/**/*.json', files: walk(join(root, 'pricing'), (p) => p.endsWith('.json')) },
      { label: 'node_modules/**/package.json', files: walk(join(root, 'node_modules'), (p) => p.endsWith('/package.json')) },
    ],
    MAX_BYTES,
  );
  return { texts, notes };
}

/** 4 KB slices of each source in turn, cut at line ends: text a user pastes into one prompt. */
function mixed(sources) {
  const streams = sources.map((s) => ({ text: assemble(s.texts, MAX_BYTES).text, at: 0 }));
  const parts = [];
  let size = 0;
  while (size < MAX_BYTES) {
    for (const s of streams) {
      let end = s.text.indexOf('\n', s.at + 4096);
      if (end < 0) end = s.text.length;
      const part = s.text.slice(s.at, end + 1) || s.text.slice(0, 4096);
      s.at = end + 1 >= s.text.length ? 0 : end + 1;
      parts.push(part);
      size += Buffer.byteLength(part);
    }
  }
  return cutToBytes(parts.join(''), MAX_BYTES);
}

/** Builds (or reads back) the four 10 MB corpora; returns { name: { text, sources } }. */
export function loadCorpora() {
  const manifest = join(outDir, 'SOURCES.json');
  if (existsSync(manifest)) {
    const sources = JSON.parse(readFileSync(manifest, 'utf8'));
    return Object.fromEntries(CORPUS_NAMES.map((n) => [n, { text: readFileSync(join(outDir, `${n}.txt`), 'utf8'), sources: sources[n] }]));
  }
  mkdirSync(outDir, { recursive: true });
  const en = english();
  const zh = chinese();
  const ts = code();
  const js = json();
  const result = {};
  for (const [name, src] of [
    ['en', en],
    ['zh', zh],
    ['code', ts],
  ]) {
    const { text, rounds } = assemble(src.texts, MAX_BYTES);
    result[name] = {
      text,
      sources: [...src.notes, ...(rounds > 1 ? [`the distinct text is shorter than 10 MB: the file list is repeated (${rounds} rounds)`] : [])],
    };
  }
  result.mixed = { text: mixed([en, zh, ts, js]), sources: ['4 KB slices in turn from en, zh, code and JSON', ...js.notes] };
  for (const n of CORPUS_NAMES) writeFileSync(join(outDir, `${n}.txt`), result[n].text);
  writeFileSync(manifest, JSON.stringify(Object.fromEntries(CORPUS_NAMES.map((n) => [n, result[n].sources])), null, 2));
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const c = loadCorpora();
  for (const n of CORPUS_NAMES) console.log(n, Buffer.byteLength(c[n].text), c[n].text.length, c[n].sources);
}
