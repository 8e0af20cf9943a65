/**
 * The CLI's inputs: paths, "-" (standard input) and glob patterns (`prompts/**\/*.md`), for shells
 * that pass a quoted pattern through and for Windows, whose shells never expand one. Node 20 has
 * no fs.glob; this knows `*`, `?`, `[...]` within a name and `**` for any depth of folders.
 */
import { readdirSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { LIMITS } from '../core/limits';
import { UsageError } from './args';

const GLOB_CHARS = /[*?[]/;

/** A name pattern as a regular expression: `*` any run, `?` one character, `[...]` a class. */
function segmentRegExp(segment: string): RegExp {
  let src = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') src += '[^/]*';
    else if (c === '?') src += '[^/]';
    else if (c === '[') {
      const end = segment.indexOf(']', i + 2);
      if (end < 0) src += '\\[';
      else {
        const body = segment
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        src += `[${body}]`;
        i = end;
      }
    } else src += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${src}$`, 'u');
}

interface Walk {
  visited: number;
  found: string[];
  pattern: string;
}

function list(dir: string, walk: Walk): Dirent[] {
  try {
    const entries = readdirSync(dir === '' ? '.' : dir, { withFileTypes: true });
    walk.visited += entries.length;
    if (walk.visited > LIMITS.cliGlobEntries) {
      throw new UsageError(`${walk.pattern} looks at more than ${LIMITS.cliGlobEntries} files and folders; narrow the pattern`);
    }
    return entries;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    return []; // an unreadable folder matches nothing, as in a shell
  }
}

/** Dot files and folders match only a segment that starts with a dot, as in a shell. */
function visible(name: string, segment: string): boolean {
  return !name.startsWith('.') || segment.startsWith('.');
}

function match(dir: string, segments: string[], walk: Walk): void {
  if (segments.length === 0) return;
  const [segment, ...rest] = segments;
  if (segment === '**') {
    match(dir, rest, walk); // zero folders
    // Symbolic links to folders are not followed (Dirent.isDirectory is false for them): no loops.
    for (const e of list(dir, walk)) if (e.isDirectory() && !e.name.startsWith('.')) match(join(dir, e.name), segments, walk);
    return;
  }
  if (!GLOB_CHARS.test(segment)) {
    const next = dir === '' ? segment : join(dir, segment);
    if (rest.length) match(next, rest, walk);
    else if (list(dir, walk).some((e) => e.name === segment && !e.isDirectory())) walk.found.push(next);
    return;
  }
  const re = segmentRegExp(segment);
  for (const e of list(dir, walk)) {
    if (!visible(e.name, segment) || !re.test(e.name)) continue;
    const next = dir === '' ? e.name : join(dir, e.name);
    if (rest.length) {
      if (e.isDirectory()) match(next, rest, walk);
    } else if (!e.isDirectory()) walk.found.push(next);
  }
  if (walk.found.length > LIMITS.cliFiles) throw new UsageError(`${walk.pattern} matches more than ${LIMITS.cliFiles} files; narrow the pattern`);
}

/** Files a glob pattern matches, sorted; relative patterns from the current folder. */
export function expandGlob(pattern: string): string[] {
  const absolute = pattern.startsWith('/');
  const segments = pattern.split('/').filter((s, i) => s !== '' || (i === 0 && absolute));
  const walk: Walk = { visited: 0, found: [], pattern };
  if (absolute) match('/', segments.slice(1), walk);
  else match('', segments, walk);
  return walk.found.sort();
}

/**
 * Every input the CLI was given, in order and without repeats: "-" and plain paths as they are
 * (a missing file is reported when it is read), patterns expanded. A pattern that matches
 * nothing is a mistake worth saying, not an empty run.
 */
export function expandInputs(inputs: string[]): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    if (input === '-' || !GLOB_CHARS.test(input)) {
      out.push(input);
      continue;
    }
    const files = expandGlob(input);
    if (!files.length) throw new UsageError(`no file matches ${input}`);
    out.push(...files);
  }
  const unique = [...new Set(out)];
  if (unique.length > LIMITS.cliFiles) throw new UsageError(`${unique.length} files given; at most ${LIMITS.cliFiles} in one run`);
  if (unique.filter((i) => i === '-').length && unique.length > 1) {
    throw new UsageError('"-" (standard input) cannot be combined with files; give one or the other');
  }
  return unique;
}

// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A file name fit for a terminal: control and bidirectional characters (an escape sequence, a right-to-left override) shown as \u codes. */
export function printableName(name: string): string {
  return name.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
