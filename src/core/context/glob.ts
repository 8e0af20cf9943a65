/**
 * The glob dialect of instruction files (`applyTo` in `.github/instructions/*.instructions.md`,
 * `globs` in `.cursor/rules/*.mdc`): `**` any number of folders, `*` and `?` within one path
 * segment, `{a,b}` alternatives, `[abc]` character classes. Paths use `/` and are relative to the
 * workspace folder. A pattern without a `/` matches the file name in any folder, as both agents do.
 */

/** Patterns longer than this are not instruction-file globs (and could make a slow expression). */
const MAX_PATTERN = 500;

function escapeRegExp(ch: string): string {
  return /[.+^$()|\\/]/.test(ch) ? `\\${ch}` : ch;
}

/** The regular expression of one glob, or undefined for a malformed or oversized one. */
export function globToRegExp(glob: string): RegExp | undefined {
  const pattern = glob.trim().replace(/^\.\//, '');
  if (!pattern || pattern.length > MAX_PATTERN) return undefined;
  let out = '';
  let braces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '*') {
      if (pattern[i + 1] === '*') {
        const slashAfter = pattern[i + 2] === '/';
        out += slashAfter ? '(?:[^/]*/)*' : '.*';
        i += slashAfter ? 2 : 1;
      } else {
        out += '[^/]*';
      }
    } else if (ch === '?') out += '[^/]';
    else if (ch === '{') {
      braces++;
      out += '(?:';
    } else if (ch === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (ch === ',' && braces > 0) out += '|';
    else if (ch === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) return undefined;
      const body = pattern.slice(i + 1, end).replace(/\\/g, '\\\\');
      out += `[${body.startsWith('!') ? '^' + body.slice(1) : body}]`;
      i = end;
    } else out += escapeRegExp(ch);
  }
  if (braces !== 0) return undefined;
  const anywhere = !pattern.includes('/');
  try {
    return new RegExp(anywhere ? `(?:^|/)${out}$` : `^${out}$`);
  } catch {
    return undefined;
  }
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

/** True when `path` (workspace-relative, `/`-separated) matches any glob of the list. */
export function matchesAny(path: string, globs: readonly string[]): boolean {
  return globs.some((g) => globToRegExp(g)?.test(path) ?? false);
}
