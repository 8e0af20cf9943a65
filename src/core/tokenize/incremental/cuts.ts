/**
 * Where text may be cut into blocks that are counted separately, such that the sum of the block
 * counts equals the count of the whole text.
 *
 * Every exact tokenizer we ship (o200k_base, cl100k_base, Qwen3, DeepSeek-V3) first cuts text
 * into pieces with a regular expression and then encodes each piece on its own. A cut is safe
 * when (1) the pre-tokenizer ends a piece there in the whole text, (2) the piece before the cut
 * does not change when the text ends at the cut (the patterns' only look-ahead is `(?!\S)`, and
 * gpt-tokenizer adds `\s+$`, so whitespace at the end of a block is the danger), and (3) the
 * pieces after it do not change when the text starts at the cut (no pattern looks behind).
 * Two kinds of position satisfy all three for all four patterns:
 *
 * - Line start: right after a `\n` followed by a character that is neither whitespace nor `/`.
 *   Every alternative that can contain a newline ends with a run of `[\r\n]` (o200k: `[\r\n/]`,
 *   hence no `/`), so the piece ends here, and no whitespace run crosses the cut (at the end of
 *   a block, whitespace would pre-tokenize differently). CRLF is never split (the cut follows
 *   `\n`). Indented lines are not cut at their start, only inside (word starts): that keeps the
 *   calibrated estimates additive too (their whitespace-run features never cross a cut).
 * - Word start: between an ASCII letter and a space that is followed by a non-whitespace
 *   character. Letter pieces stop at the space, contractions (`'s`) need an apostrophe, and the
 *   space opens the next piece (` word`).
 *
 * Qwen3's NFC normalisation cannot join characters across either cut: `\n`, ASCII letters and
 * the space do not compose with what follows. Added tokens of Qwen3/DeepSeek contain neither
 * spaces nor newlines and strip no whitespace, so no cut falls inside one.
 * JavaScript's `\s` is the whitespace that matters: every tokenizer we run uses JS regexes.
 */

const WHITESPACE = /\s/;

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isWhitespaceCode(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code === 32 || (code >= 9 && code <= 13)) return true;
  if (code < 128) return false;
  // U+0085 (NEL) is no JS whitespace, but the estimates treat it as a line break.
  return code === 0x85 || WHITESPACE.test(text[i]);
}

/** True when `text` may be cut between `p - 1` and `p` (see the module comment). */
export function isSafeCut(text: string, p: number): boolean {
  if (p <= 0 || p >= text.length) return false;
  const before = text.charCodeAt(p - 1);
  if (before === 10) return !isWhitespaceCode(text, p) && text.charCodeAt(p) !== 47; // not '/'
  if (text.charCodeAt(p) === 32 && isAsciiLetter(before)) {
    return p + 1 < text.length && !isWhitespaceCode(text, p + 1);
  }
  return false;
}

/** Target size of a block, in UTF-16 code units. */
export const TARGET_BLOCK = 4096;
/** Blocks longer than this are cut at the next safe position whatever the hash says. */
const MAX_BLOCK = 4 * TARGET_BLOCK;
/** No cut closer than this to the block start (keeps per-call overhead small). */
const MIN_BLOCK = 256;

/** A hash of the few characters before `p`, so cut choices depend on local content only. */
function localHash(text: string, p: number): number {
  let h = 0x811c9dc5;
  for (let i = Math.max(0, p - 12); i < p; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}

/**
 * Splits `text` into blocks at safe cuts. The choice of cuts is content-defined: a safe position
 * becomes a cut with probability (distance since the previous safe position) / TARGET_BLOCK,
 * decided by a hash of the characters just before it. The same content is therefore cut the
 * same way wherever it appears (a selection, an edited document), so block counts cached by
 * block text are reused.
 */
export function splitIntoBlocks(text: string): string[] {
  const blocks: string[] = [];
  let start = 0;
  let lastSafe = 0;
  const n = text.length;
  for (let p = 1; p < n; p++) {
    const before = text.charCodeAt(p - 1);
    // Cheap pre-filter: only line starts and letter-space positions can be cuts.
    if (before !== 10 && !(text.charCodeAt(p) === 32 && isAsciiLetter(before))) continue;
    if (!isSafeCut(text, p)) continue;
    const gap = p - lastSafe;
    lastSafe = p;
    const size = p - start;
    if (size < MIN_BLOCK) continue;
    if (size >= MAX_BLOCK || localHash(text, p) % TARGET_BLOCK < gap) {
      blocks.push(text.slice(start, p));
      start = p;
    }
  }
  if (start < n || n === 0) blocks.push(text.slice(start));
  return blocks;
}
