/**
 * Which files each coding agent sends with every request in a workspace, as their documentation
 * describes it (read 2026-12-06):
 * - GitHub Copilot in VS Code ("Customize chat responses", code.visualstudio.com/docs/copilot):
 *   `.github/copilot-instructions.md` always; `.github/instructions/**\/*.instructions.md` when
 *   their front matter `applyTo` glob matches the file in the editor (`**` = always); `AGENTS.md`
 *   at the workspace root (setting `chat.useAgentsMdFile`, on by default); a prompt file
 *   (`*.prompt.md`) the user is editing is what they are about to send.
 * - Claude Code ("Manage Claude's memory", docs.anthropic.com): `CLAUDE.md`, `.claude/CLAUDE.md`
 *   and `CLAUDE.local.md` in the folder it runs in and every folder above it.
 * - OpenAI Codex CLI (docs/agents_md.md in openai/codex): one `AGENTS.md` per folder from the
 *   repository root down to the working folder, `AGENTS.override.md` taking its folder's place.
 * - Gemini CLI (docs/cli/gemini-md.md in google-gemini/gemini-cli): `GEMINI.md` in the working
 *   folder and above it, and in the folders below it.
 * - Cursor ("Rules", docs.cursor.com): `.cursor/rules/**\/*.mdc` with `alwaysApply: true`, or
 *   whose `globs` match the file in the editor; the legacy `.cursorrules`; `AGENTS.md` at the root.
 * Agents run in the workspace root; "folders above" are those between the root and the file in
 * the editor, the folder a user runs an agent from when working on that file.
 */
import { GLOB_STEP_BUDGET, matchesAny, splitGlobList, type MatchBudget } from './glob';

export const AGENTS = ['copilot', 'claude-code', 'codex', 'gemini-cli', 'cursor'] as const;
export type Agent = (typeof AGENTS)[number];

export const AGENT_NAMES: Record<Agent, string> = {
  copilot: 'GitHub Copilot',
  'claude-code': 'Claude Code',
  codex: 'Codex CLI',
  'gemini-cli': 'Gemini CLI',
  cursor: 'Cursor',
};

/**
 * Why a file is sent: always; because a glob matched the current file; because it lies in a folder
 * between the root and the current file; because it lies in a folder below the root (Gemini CLI reads
 * every subfolder's GEMINI.md, whatever the file); or because it is being edited.
 */
export type SentReason = 'always' | 'glob' | 'folder' | 'subfolder' | 'editing';

export interface WorkspaceFile {
  /** Relative to the workspace folder, `/`-separated. */
  path: string;
  text: string;
}

export interface SentFile {
  path: string;
  reason: SentReason;
  text: string;
}

export interface AgentContext {
  agent: Agent;
  files: SentFile[];
}

const base = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const folderOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');

/** Folders from the root ('') down to the folder of `file` (the root alone without a file). */
function foldersDownTo(file: string | undefined): string[] {
  const folders = [''];
  if (!file) return folders;
  const parts = folderOf(file).split('/').filter(Boolean);
  for (let i = 1; i <= parts.length; i++) folders.push(parts.slice(0, i).join('/'));
  return folders;
}

const inFolder = (folder: string, name: string) => (folder ? `${folder}/${name}` : name);

/**
 * Globs (workspace-relative) that find every candidate `isInstructionPath` accepts, for a file
 * search. Flat on purpose: VS Code's glob ends an alternative group at its first `}`, so a
 * `{..,*.{md,mdc},..}` inside the `{..}` that joins them matched no file at all.
 */
export const INSTRUCTION_FILE_GLOBS: readonly string[] = Object.freeze([
  '**/AGENTS.md',
  '**/AGENTS.override.md',
  '**/CLAUDE.md',
  '**/CLAUDE.local.md',
  '**/GEMINI.md',
  '.cursorrules',
  '.github/copilot-instructions.md',
  '.github/instructions/**/*.instructions.md',
  '.cursor/rules/**/*.md',
  '.cursor/rules/**/*.mdc',
  '**/*.prompt.md',
]);

/** True for any path one of the agents might send: what discovery needs to read. */
export function isInstructionPath(path: string): boolean {
  const name = base(path);
  return (
    ['AGENTS.md', 'AGENTS.override.md', 'CLAUDE.md', 'CLAUDE.local.md', 'GEMINI.md', '.cursorrules'].includes(name) ||
    path === '.github/copilot-instructions.md' ||
    (path.startsWith('.github/instructions/') && name.endsWith('.instructions.md')) ||
    (path.startsWith('.cursor/rules/') && /\.mdc?$/.test(name)) ||
    name.endsWith('.prompt.md')
  );
}

export interface FrontMatter {
  applyTo?: string[];
  globs?: string[];
  alwaysApply?: boolean;
}

/** The few front-matter keys the agents read (a YAML subset: scalars, inline and block lists). */
export function parseFrontMatter(text: string): FrontMatter {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(text.slice(0, 20_000));
  if (!m) return {};
  const out: FrontMatter = {};
  const lines = m[1].split(/\r?\n/);
  const unquote = (s: string) => s.trim().replace(/^(['"])(.*)\1$/, '$2');
  const list = (value: string, i: number): string[] => {
    const v = value.trim();
    if (v.startsWith('['))
      return v
        .replace(/^\[|\]$/g, '')
        .split(',')
        .map(unquote)
        .filter(Boolean);
    if (v) return splitGlobList(unquote(v));
    const items: string[] = [];
    for (let j = i + 1; j < lines.length && /^\s*-\s/.test(lines[j]); j++) items.push(unquote(lines[j].replace(/^\s*-\s/, '')));
    return items;
  };
  lines.forEach((line, i) => {
    const kv = /^(\w+)\s*:(.*)$/.exec(line);
    if (!kv) return;
    const [, key, value] = kv;
    if (key === 'applyTo') out.applyTo = list(value, i);
    else if (key === 'globs') out.globs = list(value, i);
    else if (key === 'alwaysApply') out.alwaysApply = unquote(value) === 'true';
  });
  return out;
}

/**
 * The files each agent sends with every request, given the instruction files of the workspace and
 * the file in the editor (workspace-relative), biggest set first. Agents that send nothing are left out.
 */
export function alwaysSentContext(files: readonly WorkspaceFile[], currentFile?: string): AgentContext[] {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const folders = foldersDownTo(currentFile);
  const pick = (path: string, reason: SentReason): SentFile[] => {
    const f = byPath.get(path);
    return f ? [{ path, reason, text: f.text }] : [];
  };
  // One work budget for every glob of this lookup, and each distinct glob matched once.
  const budget: MatchBudget = { steps: GLOB_STEP_BUDGET };
  const matched = new Map<string, boolean>();
  const matchesGlob = (glob: string) => {
    let hit = matched.get(glob);
    if (hit === undefined) matched.set(glob, (hit = !!currentFile && matchesAny(currentFile, [glob], budget)));
    return hit;
  };
  const matchesCurrent = (globs: string[] | undefined) => !!globs?.length && (globs.includes('**') || globs.some(matchesGlob));

  const copilot = [
    ...pick('.github/copilot-instructions.md', 'always'),
    ...files
      .filter((f) => f.path.startsWith('.github/instructions/') && f.path.endsWith('.instructions.md') && matchesCurrent(parseFrontMatter(f.text).applyTo))
      .map((f): SentFile => ({ path: f.path, reason: parseFrontMatter(f.text).applyTo?.includes('**') ? 'always' : 'glob', text: f.text })),
    ...pick('AGENTS.md', 'always'),
    ...(currentFile?.endsWith('.prompt.md') ? pick(currentFile, 'editing') : []),
  ];
  const claude = folders.flatMap((d) =>
    ['CLAUDE.md', '.claude/CLAUDE.md', 'CLAUDE.local.md'].flatMap((name) => pick(inFolder(d, name), d ? 'folder' : 'always')),
  );
  const codex = folders.flatMap((d) => {
    const override = pick(inFolder(d, 'AGENTS.override.md'), d ? 'folder' : 'always');
    return override.length ? override : pick(inFolder(d, 'AGENTS.md'), d ? 'folder' : 'always');
  });
  const gemini = files
    .filter((f) => base(f.path) === 'GEMINI.md')
    .map((f): SentFile => ({ path: f.path, reason: folderOf(f.path) ? 'subfolder' : 'always', text: f.text }));
  const cursor = [
    ...files
      .filter((f) => f.path.startsWith('.cursor/rules/') && /\.mdc?$/.test(f.path))
      .flatMap((f): SentFile[] => {
        const fm = parseFrontMatter(f.text);
        if (fm.alwaysApply) return [{ path: f.path, reason: 'always', text: f.text }];
        return matchesCurrent(fm.globs) ? [{ path: f.path, reason: 'glob', text: f.text }] : [];
      }),
    ...pick('.cursorrules', 'always'),
    ...pick('AGENTS.md', 'always'),
  ];
  const all: AgentContext[] = [
    { agent: 'copilot', files: copilot },
    { agent: 'claude-code', files: claude },
    { agent: 'codex', files: codex },
    { agent: 'gemini-cli', files: gemini },
    { agent: 'cursor', files: cursor },
  ];
  return all.filter((a) => a.files.length > 0);
}
