import { REGIONS, type Region } from '../../core/pricing/schema';
import { USAGE_SOURCES, type UsageSource } from '../../core/usage/types';

/**
 * The settings of real spend (`tokenSpend.usage.*`), validated. Pure (no `vscode` import): the
 * rules are tested on their own. An invalid value falls back to its default and is reported.
 */
export interface SpendSettings {
  enabled: boolean;
  statusBar: boolean;
  /** Sources turned off are never read. */
  sources: Record<UsageSource, boolean>;
  /** Folders or files read instead of a source's default places. */
  paths: Partial<Record<UsageSource, string[]>>;
  dailyBudget: number;
  monthlyBudget: number;
  /** 'auto': mainland prices when the display currency is CNY, international otherwise. */
  region: 'auto' | Region;
}

export const SPEND_SETTING_KEYS = [
  'usage.enabled',
  'usage.statusBar',
  'usage.sources',
  'usage.paths',
  'usage.dailyBudget',
  'usage.monthlyBudget',
  'usage.region',
] as const;
export type SpendSettingKey = (typeof SPEND_SETTING_KEYS)[number];

export const MAX_BUDGET = 1e9;
/** Paths one source may list in tokenSpend.usage.paths (package.json's maxItems). */
export const MAX_PATHS_PER_SOURCE = 20;
const MAX_PATH_LENGTH = 4096;

export function defaultSpendSettings(): SpendSettings {
  return {
    enabled: true,
    statusBar: true,
    sources: Object.fromEntries(USAGE_SOURCES.map((s) => [s, true])) as Record<UsageSource, boolean>,
    paths: {},
    dailyBudget: 0,
    monthlyBudget: 0,
    region: 'auto',
  };
}

export interface SpendSettingProblem {
  key: SpendSettingKey;
  value: string;
}

function shown(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 80) ?? String(value);
  } catch {
    return String(value);
  }
}

export function parseSpendSettings(get: (key: SpendSettingKey) => unknown): { settings: SpendSettings; problems: SpendSettingProblem[] } {
  const settings = defaultSpendSettings();
  const problems: SpendSettingProblem[] = [];
  const bad = (key: SpendSettingKey, value: unknown) => problems.push({ key, value: shown(value) });
  for (const [key, field] of [
    ['usage.enabled', 'enabled'],
    ['usage.statusBar', 'statusBar'],
  ] as const) {
    const v = get(key);
    if (typeof v === 'boolean') settings[field] = v;
    else if (v !== undefined) bad(key, v);
  }
  const sources = get('usage.sources');
  if (sources !== undefined) {
    if (sources === null || typeof sources !== 'object' || Array.isArray(sources)) bad('usage.sources', sources);
    else {
      for (const [name, on] of Object.entries(sources)) {
        if ((USAGE_SOURCES as readonly string[]).includes(name) && typeof on === 'boolean') settings.sources[name as UsageSource] = on;
        else bad('usage.sources', { [name]: on });
      }
    }
  }
  const paths = get('usage.paths');
  if (paths !== undefined) {
    if (paths === null || typeof paths !== 'object' || Array.isArray(paths)) bad('usage.paths', paths);
    else {
      for (const [name, list] of Object.entries(paths)) {
        const ok =
          (USAGE_SOURCES as readonly string[]).includes(name) &&
          Array.isArray(list) &&
          list.length <= MAX_PATHS_PER_SOURCE &&
          list.every((p) => typeof p === 'string' && p.trim() !== '' && p.length <= MAX_PATH_LENGTH);
        if (ok) settings.paths[name as UsageSource] = (list as string[]).map((p) => p.trim());
        else bad('usage.paths', { [name]: list });
      }
    }
  }
  for (const [key, field] of [
    ['usage.dailyBudget', 'dailyBudget'],
    ['usage.monthlyBudget', 'monthlyBudget'],
  ] as const) {
    const v = get(key);
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_BUDGET) settings[field] = v;
    else if (v !== undefined) bad(key, v);
  }
  const region = get('usage.region');
  if (region === 'auto' || (REGIONS as readonly unknown[]).includes(region)) settings.region = region as SpendSettings['region'];
  else if (region !== undefined) bad('usage.region', region);
  return { settings, problems };
}
