import { homedir } from 'node:os';
import { join } from 'node:path';
import type { UsageSource } from '../../core/usage/types';

/** Where a source's files are looked for: folders walked for files the source writes, or single files. */
export interface SourceLocation {
  source: UsageSource;
  path: string;
  /** True for a location the user named (a missing one is reported); false for a default that may simply not exist. */
  explicit: boolean;
}

/** VS Code extension ids of the Cline family, whose tasks live in `globalStorage/<id>/tasks/`. */
export const CLINE_EXTENSION_IDS = {
  cline: 'saoudrizwan.claude-dev',
  'roo-code': 'rooveterinaryinc.roo-cline',
  'kilo-code': 'kilocode.kilo-code',
} as const;

/** The `User/globalStorage` folders of the VS Code builds an extension may have run in. */
export function globalStorageFolders(env: NodeJS.ProcessEnv, home: string, platform: NodeJS.Platform): string[] {
  const products = ['Code', 'Code - Insiders', 'VSCodium', 'Cursor', 'Windsurf'];
  const base =
    platform === 'win32'
      ? (env.APPDATA ?? join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? join(home, '.config'));
  const folders = products.map((p) => join(base, p, 'User', 'globalStorage'));
  folders.push(join(home, '.local', 'share', 'code-server', 'User', 'globalStorage'));
  return folders;
}

/**
 * The default locations of every source, as each agent documents them:
 * Claude Code `$CLAUDE_CONFIG_DIR` (comma-separated) or `~/.config/claude` and `~/.claude`, then `projects/`;
 * Codex `$CODEX_HOME` or `~/.codex`, then `sessions/` and `archived_sessions/`; Gemini CLI
 * `~/.gemini/tmp/` (`$GEMINI_CLI_HOME/.gemini/tmp/`);
 * Cline, Roo Code, Kilo Code `globalStorage/<extension id>/tasks/`, Cline also `~/.cline/data/`
 * (`tasks/`, `sessions/`; `$CLINE_DATA_DIR`, `$CLINE_DIR`); Continue
 * `$CONTINUE_GLOBAL_DIR` or `~/.continue`, then `dev_data/`; Copilot writes usage only to the
 * OpenTelemetry file the user chose: `$COPILOT_OTEL_FILE_EXPORTER_PATH` when set.
 */
export function defaultLocations(
  env: NodeJS.ProcessEnv = process.env,
  home = homedir(),
  platform: NodeJS.Platform = process.platform,
  extraGlobalStorage: string[] = [],
): SourceLocation[] {
  const out: SourceLocation[] = [];
  const add = (source: UsageSource, path: string) => out.push({ source, path, explicit: false });
  const claudeDirs = env.CLAUDE_CONFIG_DIR?.trim()
    ? env.CLAUDE_CONFIG_DIR.split(',')
        .map((d) => d.trim())
        .filter(Boolean)
    : [join(home, '.config', 'claude'), join(home, '.claude')];
  for (const d of claudeDirs) add('claude-code', join(d, 'projects'));
  // Codex moves a session the user archives to archived_sessions/ (codex-rs rollout ARCHIVED_SESSIONS_SUBDIR): still spent.
  const codexHome = env.CODEX_HOME?.trim() || join(home, '.codex');
  add('codex', join(codexHome, 'sessions'));
  add('codex', join(codexHome, 'archived_sessions'));
  // Gemini CLI's home is $GEMINI_CLI_HOME when set (packages/core/src/utils/paths.ts homedir()).
  add('gemini-cli', join(env.GEMINI_CLI_HOME?.trim() || home, '.gemini', 'tmp'));
  const storages = [...new Set([...extraGlobalStorage, ...globalStorageFolders(env, home, platform)])];
  for (const [source, id] of Object.entries(CLINE_EXTENSION_IDS) as [keyof typeof CLINE_EXTENSION_IDS, string][]) {
    for (const s of storages) add(source, join(s, id, 'tasks'));
  }
  // Cline outside VS Code's storage (its CLI, JetBrains, and the SDK-based extension from 4.1):
  // $CLINE_DATA_DIR, else $CLINE_DIR/data, else ~/.cline/data (cline/cline, sdk/packages/shared/src/storage/paths.ts),
  // with the classic tasks/ and the SDK's sessions/ ($CLINE_SESSION_DATA_DIR) in it.
  const clineData = env.CLINE_DATA_DIR?.trim() || join(env.CLINE_DIR?.trim() || join(home, '.cline'), 'data');
  add('cline', join(clineData, 'tasks'));
  add('cline', env.CLINE_SESSION_DATA_DIR?.trim() || join(clineData, 'sessions'));
  add('continue', join(env.CONTINUE_GLOBAL_DIR?.trim() || join(home, '.continue'), 'dev_data'));
  // Copilot CLI writes its OpenTelemetry spans to this file when COPILOT_OTEL_EXPORTER_TYPE is "file"
  // (GitHub Docs, Copilot OpenTelemetry reference); VS Code's Copilot Chat only to the file its settings name.
  const copilotFile = env.COPILOT_OTEL_FILE_EXPORTER_PATH?.trim();
  if (copilotFile) add('copilot', copilotFile);
  return out;
}

/** Whether a file (by its path, `/`-separated) is one the source writes usage to. */
export function isSourceFile(source: UsageSource, path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  switch (source) {
    case 'claude-code':
      return name.endsWith('.jsonl');
    case 'codex':
      return name.endsWith('.jsonl');
    case 'gemini-cli':
      // A subagent's chat is chats/<parent session id>/<session id>.jsonl (chatRecordingService).
      return /\/chats\/(?:[^/]+\/)?[^/]+\.jsonl?$/.test(path);
    case 'cline':
      // Cline 4.1 and later (on the Cline SDK): sessions/<id>/<id or agent id>.messages.json.
      return name === 'ui_messages.json' || /\/sessions\/[^/]+\/[^/]+\.messages\.json$/.test(path);
    case 'roo-code':
    case 'kilo-code':
      return name === 'ui_messages.json';
    case 'continue':
      return name === 'tokensGenerated.jsonl' || name === 'tokens_generated.jsonl';
    case 'copilot':
      return name.endsWith('.jsonl') || name.endsWith('.json');
  }
}
