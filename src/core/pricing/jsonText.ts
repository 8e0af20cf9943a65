/**
 * A user's pricing file as text → JSON, with what JSON.parse does not say: where a syntax error
 * is (line and column, and whether it is a comment or a trailing comma, which VS Code's own JSONC
 * settings files allow but a pricing file does not), and keys written twice in one object, which
 * JSON.parse resolves silently to the last (two overrides of one model: the first never applies).
 */
import { formatJsonPath, type PricingError } from './catalogue';

/** Duplicate keys reported at most (a generated file could repeat thousands). */
const MAX_DUPLICATES = 20;

export type ParsedPricingJson = { value: unknown } | { errors: PricingError[] };

/** Line and column (1-based) of `offset` in `text`. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** English wording of a syntax problem; errorText.ts words the same detail in the user's language. */
export const JSON_SYNTAX_MESSAGES = {
  empty: 'the file is empty; a pricing file is a JSON object such as { "version": 1 }',
  comment: 'not valid JSON at line {0}, column {1}: comments are not allowed (a pricing file is plain JSON, not JSONC)',
  trailingComma: 'not valid JSON at line {0}, column {1}: a comma before {2} is not allowed in JSON',
  other: 'not valid JSON at line {0}, column {1}: {2}',
  noPosition: 'not valid JSON: {0}',
} as const;

export type JsonSyntaxDetail = { kind: 'syntax'; reason: keyof typeof JSON_SYNTAX_MESSAGES; line: number; column: number; text: string };

const fill = (template: string, ...args: (string | number)[]) => template.replace(/\{(\d)\}/g, (_, i: string) => String(args[Number(i)]));

/** The syntax error as a detail (line, column, what it is), from the offset V8 reports. */
function syntaxDetail(text: string, err: unknown): JsonSyntaxDetail {
  const raw = (err instanceof Error ? err.message : String(err)).split('\n')[0];
  if (!text.trim()) return { kind: 'syntax', reason: 'empty', line: 1, column: 1, text: '' };
  const m = /at position (\d+)/.exec(raw);
  if (!m) return { kind: 'syntax', reason: 'noPosition', line: 0, column: 0, text: raw };
  const offset = Number(m[1]);
  const { line, column } = lineColumn(text, offset);
  const here = text.slice(offset, offset + 2);
  if (here === '//' || here === '/*') return { kind: 'syntax', reason: 'comment', line, column, text: '' };
  if ((here[0] === '}' || here[0] === ']') && /,\s*$/.test(text.slice(Math.max(0, offset - 200), offset))) {
    return { kind: 'syntax', reason: 'trailingComma', line, column, text: `"${here[0]}"` };
  }
  return { kind: 'syntax', reason: 'other', line, column, text: raw.replace(/\s*\(line \d+ column \d+\)/, '') };
}

/** The detail in English. */
export function syntaxText(d: JsonSyntaxDetail, template: (reason: JsonSyntaxDetail['reason']) => string = (r) => JSON_SYNTAX_MESSAGES[r]): string {
  const t = template(d.reason);
  return d.reason === 'noPosition'
    ? fill(t, d.text)
    : d.reason === 'trailingComma' || d.reason === 'other'
      ? fill(t, d.line, d.column, d.text)
      : fill(t, d.line, d.column);
}

interface Frame {
  object: boolean;
  /** Keys seen so far (objects). */
  keys?: Set<string>;
  expectingKey: boolean;
  /** Current key (objects) or index (arrays): the segment of the next value opened inside. */
  segment: string | number;
  /** This frame's own segment in its parent. */
  own: string | number | undefined;
}

/**
 * Keys that occur twice in one object of `text`, which must be valid JSON, with their JSON path. One pass over the text, no recursion (200,000 nested arrays are fine).
 */
export function duplicateKeys(text: string, limit = MAX_DUPLICATES): { path: string; key: string }[] {
  const out: { path: string; key: string }[] = [];
  const stack: Frame[] = [];
  const pathOf = (key: string) => formatJsonPath([...stack.slice(1).map((f) => f.own!), key]);
  for (let i = 0; i < text.length && out.length < limit; i++) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (top?.object && top.expectingKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.keys!.has(key)) out.push({ path: pathOf(key), key });
        top.keys!.add(key);
        top.segment = key;
        top.expectingKey = false;
      }
      i = j;
    } else if (c === '{' || c === '[') {
      stack.push({ object: c === '{', keys: c === '{' ? new Set() : undefined, expectingKey: c === '{', segment: 0, own: top?.segment });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',' && top) {
      if (top.object) top.expectingKey = true;
      else top.segment = (top.segment as number) + 1;
    }
  }
  return out;
}

/** The file's JSON, or its problems: a syntax error with line and column, or keys written twice. */
export function parsePricingJson(text: string, file: string): ParsedPricingJson {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    const detail = syntaxDetail(body, err);
    return { errors: [{ file, path: '(root)', message: syntaxText(detail), detail }] };
  }
  const duplicates = duplicateKeys(body);
  if (duplicates.length) {
    return {
      errors: duplicates.map((d) => ({
        file,
        path: d.path,
        message: `the key ${JSON.stringify(d.key)} is written twice; JSON keeps only the last, so remove or rename one`,
        detail: { kind: 'duplicateKey', key: d.key },
      })),
    };
  }
  return { value };
}
