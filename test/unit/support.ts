// Shared by the unit tests (not a test file itself): where the repository is, its fixtures, and
// the default assumptions at a fixed moment so time-of-day prices do not depend on when tests run.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultAssumptions } from '../../src/core/defaults';
import type { Assumptions } from '../../src/core/types';

/** The repository root: the nearest folder above this file (source or bundled) with a package.json. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

/** A file of test/fixtures/, as text. */
export function readFixture(name: string): string {
  return readFileSync(join(repoRoot(), 'test', 'fixtures', name), 'utf8');
}

/** Monday 2026-11-23 20:00 Beijing time: outside every DeepSeek peak window. */
export const MONDAY_EVENING_BEIJING = new Date('2026-11-23T12:00:00Z');

/** The extension's default assumptions (500 output tokens, 100 calls a day …) at MONDAY_EVENING_BEIJING. */
export function assumptionsAt(overrides: Partial<Assumptions> = {}): Assumptions {
  return { ...defaultAssumptions(MONDAY_EVENING_BEIJING), ...overrides };
}

/** Asserts `actual` equals `expected` up to floating-point rounding (1e-9 relative). */
export function near(actual: number | undefined, expected: number, what = ''): void {
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= Math.abs(expected) * 1e-9 + 1e-15, `${what}: ${actual} !== ${expected}`);
}

/**
 * Parsed JSON that a test edits into shapes the schema forbids (a negative rate, an unknown time
 * zone, every model free): untyped on purpose, so the edit reads like the JSON it makes.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests write what the types forbid, on purpose
export type LooseJson = any;

/** A deep copy of `value` (JSON round trip), for a test to break. */
export function looseCopy(value: unknown): LooseJson {
  return JSON.parse(JSON.stringify(value));
}

/**
 * Marks a model of a pricing file as read again in a copy of `date` (a newer file in an update
 * test): `checked` and the "Source copy dated" sentence of its notes move together, as the
 * `checked` rule of pricing/SOURCES.md asks.
 */
export function recheck(model: LooseJson, date: string): void {
  model.checked = date;
  if (typeof model.notes === 'string') model.notes = model.notes.replace(/Source copy dated \d{4}-\d{2}-\d{2}/g, `Source copy dated ${date}`);
}
