import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { applyOverlay, loadBundledCatalogue, parsePricingFile, type Catalogue, type PricingError } from '../../src/core/pricing/catalogue';
import { priceCall } from '../../src/core/cost';
import { CURRENCY_CODES } from '../../src/core/pricing/schema';
import type { Assumptions } from '../../src/core/types';

const root = join(__dirname, '..', '..', '..');
const bundledText = readFileSync(join(root, 'pricing', 'pricing.json'), 'utf8');
const base = loadBundledCatalogue();
const vendorFiles = readdirSync(join(root, 'pricing', 'vendors')).filter((f) => f.endsWith('.json'));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Segment = string | number;

/** Reads a path as `formatJsonPath` writes it (`models[3].price["a b"]`); undefined if malformed. */
function parseJsonPath(path: string): Segment[] | undefined {
  if (path === '(root)') return [];
  const out: Segment[] = [];
  const token = /([A-Za-z_$][\w$]*)|\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  let at = 0;
  while (at < path.length) {
    token.lastIndex = at;
    const m = token.exec(path);
    if (!m || (m[1] !== undefined && at !== 0)) return undefined;
    out.push(m[1] ?? m[2] ?? (m[3] !== undefined ? Number(m[3]) : (JSON.parse(m[4]) as string)));
    at = token.lastIndex;
  }
  return out;
}

function childOf(node: unknown, key: Segment): unknown {
  if (Array.isArray(node)) return typeof key === 'number' ? node[key] : undefined;
  if (node !== null && typeof node === 'object' && Object.prototype.hasOwnProperty.call(node, key)) return (node as Record<string, unknown>)[key];
  return undefined;
}

/** True when every segment but the last leads to an existing array or object of `doc` (the root always exists). */
function parentExists(doc: unknown, path: Segment[]): boolean {
  if (path.length === 0) return true;
  let node = doc;
  for (const key of path.slice(0, -1)) {
    node = childOf(node, key);
    if (node === undefined) return false;
  }
  return node !== null && typeof node === 'object';
}

/** Every error names the file, a well-formed JSON path that exists in the document (up to its last key), and says something. */
function assertLocated(errors: PricingError[], doc: unknown, file: string): void {
  assert.ok(errors.length > 0);
  for (const e of errors) {
    assert.equal(e.file, file);
    assert.ok(typeof e.message === 'string' && e.message.length > 0, JSON.stringify(e));
    const path = parseJsonPath(e.path);
    assert.ok(path, `malformed path ${e.path}`);
    // Errors found after merging name a path in the merged catalogue, not in the user's file.
    if (!e.message.startsWith('after merging')) assert.ok(parentExists(doc, path), `path ${e.path} is not in the document: ${e.message}`);
  }
}

/** Paths to every value inside `doc` (objects' keys and arrays' items), in document order. */
function allPaths(doc: Json, prefix: Segment[] = [], out: Segment[][] = []): Segment[][] {
  if (Array.isArray(doc)) {
    doc.forEach((v, i) => {
      out.push([...prefix, i]);
      allPaths(v, [...prefix, i], out);
    });
  } else if (doc !== null && typeof doc === 'object') {
    for (const [k, v] of Object.entries(doc)) {
      out.push([...prefix, k]);
      allPaths(v, [...prefix, k], out);
    }
  }
  return out;
}

const EXTREMES: unknown[] = [
  -1,
  -0.0001,
  0,
  1e308,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  NaN,
  Infinity,
  -Infinity,
  1.5,
  2 ** 53 + 2,
  '',
  ' ',
  '0',
  [],
  {},
  null,
  true,
];
const HOSTILE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', ' ', '<img src=x onerror=alert(1)>', '中文'];

type Mutation = { at: number; kind: 'delete' | 'replace' | 'extreme' | 'stringify' | 'duplicate' | 'rename' | 'addKey'; value: unknown; pick: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('delete', 'replace', 'extreme', 'stringify', 'duplicate', 'rename', 'addKey'),
  value: fc.jsonValue({ maxDepth: 2 }),
  pick: fc.nat(),
});

/** Applies one mutation to a deep copy of `doc` at one of its paths. */
function mutate(doc: Json, paths: Segment[][], m: Mutation): Json {
  const copy = structuredClone(doc);
  const path = paths[m.at % paths.length];
  const parent = path.slice(0, -1).reduce<unknown>((n, k) => childOf(n, k), copy) as Json[] | Record<string, unknown>;
  const key = path[path.length - 1];
  const current = (parent as Record<string, unknown>)[key as string];
  const set = (v: unknown) => ((parent as Record<string, unknown>)[key as string] = v);
  switch (m.kind) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      break;
    case 'replace':
      set(m.value);
      break;
    case 'extreme':
      set(EXTREMES[m.pick % EXTREMES.length]);
      break;
    case 'stringify':
      set(typeof current === 'string' ? Number(current) : JSON.stringify(current));
      break;
    case 'duplicate':
      if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(current) as Json);
      else set([current, current]);
      break;
    case 'rename':
      if (Array.isArray(parent)) set({ wrapped: current });
      else {
        delete parent[key as string];
        Object.defineProperty(parent, `${String(key)}_`, { value: current, enumerable: true, configurable: true, writable: true });
      }
      break;
    case 'addKey': {
      const target = current !== null && typeof current === 'object' && !Array.isArray(current) ? (current as Record<string, unknown>) : undefined;
      const name = HOSTILE_KEYS[m.pick % HOSTILE_KEYS.length];
      // defineProperty: a real own "__proto__" key, as JSON.parse makes it, not a prototype change.
      if (target) Object.defineProperty(target, name, { value: m.value, enumerable: true, configurable: true, writable: true });
      else set(m.value);
      break;
    }
  }
  return copy;
}

/** The catalogue's data as a user would save it, read back. */
function reparse(c: Catalogue): ReturnType<typeof parsePricingFile> {
  return parsePricingFile(JSON.parse(JSON.stringify(c.data)) as unknown, 'round-trip.json');
}

const bundledJson = JSON.parse(bundledText) as Json;
const bundledPaths = allPaths(bundledJson);

describe('pricing file: random and mutated input never throws, errors name a real JSON path', () => {
  test('arbitrary JSON values are rejected with located errors', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (json) => {
        const r = parsePricingFile(json, 'random.json');
        assert.equal(r.catalogue, undefined);
        assertLocated(r.errors, json, 'random.json');
      }),
      { numRuns: 300 },
    );
  });

  test('one mutation of the bundled file: a valid catalogue that round-trips, or errors located in the mutated document', () => {
    let rejected = 0;
    fc.assert(
      fc.property(mutationArb, (m) => {
        const doc = mutate(bundledJson, bundledPaths, m);
        const r = parsePricingFile(doc, 'mutated.json');
        if (r.catalogue) {
          assert.deepEqual(r.errors, []);
          const again = reparse(r.catalogue);
          assert.deepEqual(again.errors, []);
          assert.deepEqual(again.catalogue!.data, r.catalogue.data);
        } else {
          rejected++;
          assertLocated(r.errors, doc, 'mutated.json');
        }
      }),
      { numRuns: 120, seed: 7 },
    );
    assert.ok(rejected > 20, `most mutations break something (${rejected} of 120 rejected)`);
  });

  test('valid edits survive: a new positive input rate or any display name is kept exactly', () => {
    const priced = base.models.map((m, i) => [m, i] as const).filter(([m]) => 'rates' in m.price && !m.price.free);
    fc.assert(
      fc.property(
        fc.constantFrom(...priced),
        fc.double({ min: 1e-9, max: 1e6, noNaN: true }),
        fc.oneof(
          fc.string({ minLength: 1, maxLength: 40 }),
          fc.constantFrom('<img src=x onerror=alert(1)>', '</script><script>alert(1)</script>', '"; DROP TABLE', '\u202Eevil', '模型名称'),
        ),
        ([model, index], rate, name) => {
          const doc = structuredClone(bundledJson) as { models: { name: string; price: { rates: { input: number } } }[] };
          doc.models[index].price.rates.input = rate;
          doc.models[index].name = name;
          const r = parsePricingFile(doc, 'edited.json');
          // A name of only spaces is still a name (min length 1): the schema accepts any non-empty text.
          assert.deepEqual(r.errors, []);
          const edited = r.catalogue!.model(model.id)!;
          assert.equal(edited.name, name);
          assert.ok('rates' in edited.price && edited.price.rates.input === rate);
          assert.deepEqual(reparse(r.catalogue!).catalogue!.data, r.catalogue!.data);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('user pricing overlays: random and mutated input never throws; an invalid overlay changes nothing', () => {
  /** Each vendor file of pricing/ as an overlay of the bundled catalogue (it re-states that vendor's entries). */
  const vendorOverlays = vendorFiles.map((f) => {
    const v = JSON.parse(readFileSync(join(root, 'pricing', 'vendors', f), 'utf8')) as { vendor: Json; models: Json[]; plans?: Json[] };
    return { file: f, overlay: { version: 1, vendors: [v.vendor], models: v.models, ...(v.plans?.length ? { plans: v.plans } : {}) } as Json };
  });

  test('every vendor file applies cleanly as an overlay and leaves the catalogue as it was', () => {
    for (const { file, overlay } of vendorOverlays) {
      const r = applyOverlay(base, overlay, file);
      assert.deepEqual(r.errors, [], file);
      assert.deepEqual(r.catalogue.data, base.data, file);
    }
  });

  test('arbitrary JSON as an overlay: never throws; rejected ones return the base catalogue untouched', () => {
    const overlayish = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({
        version: fc.constant(1),
        priceOverrides: fc.dictionary(
          fc.oneof(fc.constantFrom(...base.models.map((m) => m.id)), fc.constantFrom('constructor', 'tostring', '__proto__')),
          fc.jsonValue({ maxDepth: 2 }),
        ),
      }),
    );
    fc.assert(
      fc.property(overlayish, (json) => {
        const r = applyOverlay(base, json, 'user.json');
        if (r.errors.length) {
          assert.equal(r.catalogue, base);
          assertLocated(r.errors, json, 'user.json');
        }
      }),
      { numRuns: 300 },
    );
  });

  test('one mutation of a vendor overlay: applied exactly as written, or rejected with located errors', () => {
    const withPaths = vendorOverlays.map((o) => ({ ...o, paths: allPaths(o.overlay) }));
    let rejected = 0;
    fc.assert(
      fc.property(fc.nat({ max: withPaths.length - 1 }), mutationArb, (i, m) => {
        const { overlay, paths } = withPaths[i];
        const doc = mutate(overlay, paths, m);
        const r = applyOverlay(base, doc, 'mutated-overlay.json');
        if (r.errors.length) {
          rejected++;
          assert.equal(r.catalogue, base);
          assertLocated(r.errors, doc, 'mutated-overlay.json');
          return;
        }
        for (const model of (doc as { models?: { id: string }[] }).models ?? []) {
          const got = r.catalogue.model(model.id);
          assert.ok(got, `overlay model ${model.id} is in the catalogue`);
        }
        assert.deepEqual(reparse(r.catalogue).errors, []);
      }),
      { numRuns: 150, seed: 11 },
    );
    assert.ok(rejected > 20, `${rejected} of 150 rejected`);
  });

  test('a vendor or model whose id is an Object.prototype name is priced like any other', () => {
    const vendor = { id: 'constructor', name: 'Constructor AI', nameZh: '构造', country: 'US', pricingPage: 'https://example.com/pricing' };
    const template = base.models.find((m) => m.id === 'openai/gpt-4o-mini')!;
    const model = { ...template, id: 'constructor', vendor: 'constructor', name: 'constructor' };
    const r = applyOverlay(base, { version: 1, vendors: [vendor], models: [model] }, 'proto.json');
    assert.deepEqual(r.errors, []);
    const added = r.catalogue.model('constructor')!;
    assert.deepEqual(added.price, template.price);
    const a: Assumptions = {
      outputTokens: 100,
      reasoningTokens: 0,
      cachedShare: 0,
      callsPerDay: 1,
      batch: false,
      at: new Date('2026-11-01T12:00:00Z'),
      vendorDiscounts: {},
      currency: 'USD',
    };
    const cost = priceCall(added, 1000, a, r.catalogue.exchangeRates);
    const reference = priceCall(template, 1000, a, r.catalogue.exchangeRates);
    assert.ok(!('unpriced' in cost) && !('unpriced' in reference));
    assert.equal(cost.total, reference.total);
    assert.ok(CURRENCY_CODES.includes(cost.currency));
  });
});
