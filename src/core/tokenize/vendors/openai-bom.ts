/**
 * Cutting text that contains U+FEFF (byte-order mark) into regions, so that the regions holding a
 * BOM can be counted by the reference tokenizer and the rest by the fast one.
 *
 * Why a cut is safe: tiktoken's pre-tokenizer splits text into pieces with a regular expression
 * and encodes each piece on its own, so a count is the sum over pieces. Counting a region on its
 * own gives the same pieces as counting it inside the whole text when the region starts at a
 * piece boundary (the pattern has no look-behind) and, at its end, the pattern cannot see a
 * difference between "end of text" and what really follows. The only look-ahead in the OpenAI
 * patterns is `(?!\S)`, which holds both at the end of text and before whitespace; the whitespace
 * alternatives are the only ones that could run on past the end. So we cut only at a piece
 * boundary where the next character is whitespace and the previous one is not. In JavaScript
 * regular expressions U+FEFF counts as whitespace (`\s`), which is exactly what makes js-tiktoken
 * split differently from OpenAI's Rust tiktoken around a BOM; we follow js-tiktoken's pattern.
 */

export interface Region {
  text: string;
  hasBom: boolean;
}

const WHITESPACE = /\s/;

function isWhitespace(ch: string | undefined): boolean {
  return ch !== undefined && WHITESPACE.test(ch);
}

/**
 * Splits `text` into consecutive regions whose concatenation is `text`; regions with and without a
 * BOM alternate. `pieces` is the encoding's pre-tokenizer pattern with the `g` flag.
 */
export function splitAtBomRegions(text: string, pieces: RegExp): Region[] {
  const cuts: number[] = [0];
  const re = new RegExp(pieces.source, pieces.flags.includes('g') ? pieces.flags : pieces.flags + 'g');
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const start = m.index;
    if (start > 0 && isWhitespace(text[start]) && !isWhitespace(text[start - 1])) cuts.push(start);
    if (m[0].length === 0) re.lastIndex++;
  }
  cuts.push(text.length);

  const regions: Region[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    if (cuts[i] === cuts[i + 1]) continue;
    const part = text.slice(cuts[i], cuts[i + 1]);
    const hasBom = part.includes('\uFEFF');
    const last = regions[regions.length - 1];
    if (last && last.hasBom === hasBom) last.text += part;
    else regions.push({ text: part, hasBom });
  }
  return regions;
}
