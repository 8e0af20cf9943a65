// What every token-spend command does with its options beyond node:util's parseArgs: an unknown
// option names the nearest real one, and an option given twice with different values is refused
// (parseArgs keeps the last silently, so `--output 12 --output 13` priced 13 without a word).
import { UsageError } from './args';

/** Edit distance between two short strings (option names), a swap of neighbours counting as one edit. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The known option nearest to `given` (`--jsn` → `--json`, `--output-tokens` → `--output`), if one is close. */
export function nearestOption(given: string, known: readonly string[]): string | undefined {
  const name = given.replace(/^-+/, '').split('=')[0].toLowerCase().slice(0, 64);
  if (!name) return undefined;
  let best: { option: string; d: number } | undefined;
  for (const option of known) {
    const d = option.startsWith(name) || name.startsWith(option) ? 1 : distance(name, option);
    if (d <= (option.length <= 3 ? 1 : 2) && (!best || d < best.d)) best = { option, d };
  }
  return best && `--${best.option}`;
}

/** A parseArgs error as a UsageError: "unknown option --jsn (did you mean --json?)", or its first line. */
export function optionError(err: unknown, known: readonly string[]): UsageError {
  const code = (err as NodeJS.ErrnoException).code;
  const unknown = /Unknown option '([^']+)'/.exec((err as Error).message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown) {
    const near = nearestOption(unknown, known);
    return new UsageError(`unknown option ${unknown}${near ? ` (did you mean ${near}?)` : ''}`);
  }
  // "--output -Infinity": parseArgs reads a value starting with a dash as a missing value.
  const ambiguous = /^Option '([^']+)' argument is ambiguous/.exec((err as Error).message)?.[1];
  if (ambiguous)
    return new UsageError(`${ambiguous.split(' ')[0]} is missing its value; a value that starts with "-" is written ${ambiguous.split(' ')[0]}=-VALUE`);
  return new UsageError(err instanceof Error ? err.message.split('\n')[0] : String(err));
}

interface OptionToken {
  kind: string;
  name?: string;
  value?: string;
}

/** Refuses a single-value option given more than once with different values. */
export function refuseRepeats(tokens: readonly OptionToken[], options: Record<string, { type: string; multiple?: boolean }>): void {
  const values = new Map<string, string[]>();
  for (const t of tokens) {
    if (t.kind !== 'option' || !t.name || t.value === undefined) continue;
    const spec = options[t.name];
    if (!spec || spec.multiple || spec.type !== 'string') continue;
    values.set(t.name, [...(values.get(t.name) ?? []), t.value]);
  }
  for (const [name, given] of values) {
    if (new Set(given).size > 1) {
      throw new UsageError(`--${name} is given ${given.length} times (${given.map((v) => `"${v}"`).join(', ')}); give it once`);
    }
  }
}
