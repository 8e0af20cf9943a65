/**
 * The glob dialect of instruction files (`applyTo` in `.github/instructions/*.instructions.md`,
 * `globs` in `.cursor/rules/*.mdc`): `**` any number of folders, `*` and `?` within one path
 * segment, `{a,b}` alternatives, `[abc]` character classes. Paths use `/` and are relative to the
 * workspace folder. A pattern without a `/` matches the file name in any folder, as both agents do.
 *
 * Globs come from files in a cloned repository, so matching must stay fast whatever they say. A
 * glob turned into a backtracking regular expression is not: `**\/` repeated 160 times, or `*a`
 * repeated 240 times, took minutes against a deep path. Here a glob compiles to a small program
 * run as a set of states over the path (Thompson's construction, as RE2 does): time grows with
 * the glob's length times the path's, never exponentially.
 */

/** Patterns longer than this are not instruction-file globs. */
const MAX_PATTERN = 500;
/** Paths longer than this are not matched (no real workspace path comes near it). */
const MAX_PATH = 4096;

type Op =
  /** One character satisfying `test`, then the next op. */
  | { op: 'char'; test: (c: string) => boolean }
  /** Continue at every one of `to` (no character consumed). */
  | { op: 'fork'; to: number[] }
  | { op: 'jump'; to: number }
  | { op: 'match' };

/** A compiled glob: `test(path)` tells whether the workspace-relative path matches. */
export interface Glob {
  readonly source: string;
  test(path: string, budget?: MatchBudget): boolean;
}

/**
 * Steps (state visits) left for matching, shared by every glob of one lookup: 300 instruction files
 * of 40 globs of `*a` × 240 against a 511-character path took 61 s even without backtracking.
 * When it runs out, the remaining globs count as not matching.
 */
export interface MatchBudget {
  steps: number;
}

/** Steps one lookup of the always-sent files may take: under a second here; a real glob takes a few hundred. */
export const GLOB_STEP_BUDGET = 20_000_000;

const notSlash = (c: string) => c !== '/';
const anyChar = () => true;

/** Appends to `prog` the ops of `pattern[from..]` up to a closing brace or comma at `depth` > 0; returns where it stopped. */
function compileSeq(pattern: string, from: number, depth: number, prog: Op[]): number | undefined {
  let i = from;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (depth > 0 && (ch === ',' || ch === '}')) return i;
    if (ch === '*') {
      const globstar = pattern[i + 1] === '*';
      if (globstar && pattern[i + 2] === '/') {
        // (?:[^/]*\/)*: nothing, or any run of characters ending with a slash.
        const l = prog.length;
        prog.push({ op: 'fork', to: [l + 1, l + 6] }, { op: 'fork', to: [l + 2, l + 4] }, { op: 'char', test: notSlash });
        prog.push({ op: 'jump', to: l + 1 }, { op: 'char', test: (c) => c === '/' }, { op: 'jump', to: l });
        i += 3;
      } else {
        const l = prog.length;
        prog.push({ op: 'fork', to: [l + 1, l + 3] }, { op: 'char', test: globstar ? anyChar : notSlash }, { op: 'jump', to: l });
        i += globstar ? 2 : 1;
      }
    } else if (ch === '?') {
      prog.push({ op: 'char', test: notSlash });
      i++;
    } else if (ch === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) return undefined;
      const body = pattern.slice(i + 1, end).replace(/\\/g, '\\\\');
      let cls: RegExp;
      try {
        cls = new RegExp(`^[${body.startsWith('!') ? '^' + body.slice(1) : body}]$`);
      } catch {
        return undefined;
      }
      prog.push({ op: 'char', test: (c) => cls.test(c) });
      i = end + 1;
    } else if (ch === '{') {
      // {a,b,c}: a fork to each alternative, each jumping past the group when done.
      const fork: Op & { op: 'fork' } = { op: 'fork', to: [] };
      prog.push(fork);
      const jumps: (Op & { op: 'jump' })[] = [];
      let at = i + 1;
      for (;;) {
        fork.to.push(prog.length);
        const stop = compileSeq(pattern, at, depth + 1, prog);
        if (stop === undefined || stop >= pattern.length) return undefined; // unclosed brace
        const jump: Op & { op: 'jump' } = { op: 'jump', to: -1 };
        prog.push(jump);
        jumps.push(jump);
        at = stop + 1;
        if (pattern[stop] === '}') break;
      }
      for (const j of jumps) j.to = prog.length;
      i = at;
    } else {
      const literal = ch;
      prog.push({ op: 'char', test: (c) => c === literal });
      i++;
    }
  }
  return i;
}

/** Runs `prog` over `text`: true when some path through it consumes all of `text` and reaches `match`. */
function run(prog: readonly Op[], text: string, budget?: MatchBudget): boolean {
  const seen = new Int32Array(prog.length).fill(-1);
  let current: number[] = [];
  const stack: number[] = [];
  // Adds `pc` and every op reachable from it without consuming a character (iteratively: no recursion).
  const add = (list: number[], pc: number, step: number) => {
    stack.push(pc);
    while (stack.length) {
      const p = stack.pop()!;
      if (seen[p] === step) continue;
      seen[p] = step;
      const o = prog[p];
      if (o.op === 'fork') for (let k = o.to.length - 1; k >= 0; k--) stack.push(o.to[k]);
      else if (o.op === 'jump') stack.push(o.to);
      else list.push(p);
    }
  };
  add(current, 0, 0);
  for (let i = 0; i < text.length && current.length; i++) {
    const c = text[i];
    const next: number[] = [];
    if (budget && (budget.steps -= current.length) < 0) return false;
    for (const pc of current) {
      const o = prog[pc];
      if (o.op === 'char' && o.test(c)) add(next, pc + 1, i + 1);
    }
    current = next;
  }
  return current.some((pc) => prog[pc].op === 'match');
}

/** The compiled glob, or undefined for a malformed or oversized one. */
export function compileGlob(glob: string): Glob | undefined {
  const pattern = glob.trim().replace(/^\.\//, '');
  if (!pattern || pattern.length > MAX_PATTERN) return undefined;
  const prog: Op[] = [];
  // A pattern without a slash matches in any folder: as if it started with **/.
  const body = pattern.includes('/') ? pattern : `**/${pattern}`;
  const end = compileSeq(body, 0, 0, prog);
  if (end === undefined || end !== body.length) return undefined;
  prog.push({ op: 'match' });
  return { source: pattern, test: (path, budget) => path.length <= MAX_PATH && run(prog, path, budget) };
}

/** Splits a comma-separated list of globs, keeping commas inside braces. */
export function splitGlobList(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of list) {
    if (ch === '{') depth++;
    if (ch === '}') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** True when `path` (workspace-relative, `/`-separated) matches any glob of the list, within `budget` if given. */
export function matchesAny(path: string, globs: readonly string[], budget?: MatchBudget): boolean {
  return globs.some((g) => compileGlob(g)?.test(path, budget) ?? false);
}
