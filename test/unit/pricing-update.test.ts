import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadBundledCatalogue } from '../../src/core/pricing/catalogue';
import { checkUpdateUrl, downloadText, evaluateUpdate, fetchPricingUpdate, type FetchLike } from '../../src/core/pricing/update';
import type { PricingFile } from '../../src/core/pricing/schema';
import { looseCopy, recheck, type LooseJson } from './support';

const bundled = loadBundledCatalogue().data;
const now = new Date(`${bundled.updated}T12:00:00Z`);

function dayAfter(date: string, days = 1): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
function copy(): LooseJson {
  return looseCopy(bundled);
}
/** A file one day newer than the bundled one, with DeepSeek's cn Flash input price changed. */
function newerFile(): LooseJson {
  const file = copy();
  file.updated = dayAfter(bundled.updated);
  const m = file.models.find((x: LooseJson) => x.id === 'deepseek/deepseek-flash@cn');
  m.price.rates.input = 0.8;
  recheck(m, file.updated);
  return file;
}
const laterNow = new Date(Date.parse(`${dayAfter(bundled.updated)}T12:00:00Z`));

/** Real HTTP on 127.0.0.1: each path answers the way a mirror (or a broken one) would. */
const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
  '/newer.json': (_q, res) => res.end(JSON.stringify(newerFile())),
  '/same.json': (_q, res) => res.end(JSON.stringify(bundled)),
  '/older.json': (_q, res) => res.end(JSON.stringify({ ...copy(), updated: '2025-01-01' })),
  '/broken.json': (_q, res) => res.end('{"version": 1, "updated": '),
  '/negative.json': (_q, res) => {
    const file = newerFile();
    file.models[0].price.rates.input = -1;
    res.end(JSON.stringify(file));
  },
  '/missing.json': (_q, res) => {
    res.statusCode = 404;
    res.end('not here');
  },
  '/big-declared.json': (_q, res) => {
    // Declares 2 MB and sends nothing: the client must refuse on the header alone.
    res.writeHead(200, { 'content-length': String(2_000_000) });
    res.flushHeaders();
  },
  '/big-chunked.json': (_q, res) => {
    for (let i = 0; i < 20; i++) res.write('x'.repeat(1000));
    res.end();
  },
  '/moved.json': (_q, res) => {
    res.writeHead(302, { location: '/newer.json' });
    res.end();
  },
  '/silent.json': () => {
    /* never answers */
  },
};

let server: ReturnType<typeof createServer>;
let base = '';
const fetchReal: FetchLike = (url, init) => fetch(url, init);

before(async () => {
  server = createServer((req, res) => (routes[req.url ?? ''] ?? routes['/missing.json'])(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

describe('update address', () => {
  test('https anywhere, http only to this machine', () => {
    assert.equal(checkUpdateUrl('https://example.com/pricing.json').ok, true);
    assert.equal(checkUpdateUrl('http://127.0.0.1:8080/p.json').ok, true);
    assert.equal(checkUpdateUrl('http://localhost/p.json').ok, true);
    const plain = checkUpdateUrl('http://example.com/p.json');
    assert.ok(!plain.ok && /only to this machine/.test(plain.reason));
    assert.equal(checkUpdateUrl('file:///etc/passwd').ok, false);
    assert.equal(checkUpdateUrl('not a url').ok, false);
    assert.equal(checkUpdateUrl('https://user:secret@example.com/p.json').ok, false);
  });

  test('a refused address never reaches fetch', async () => {
    let called = false;
    const spy: FetchLike = async () => {
      called = true;
      throw new Error('must not be called');
    };
    const r = await downloadText('http://prices.example.com/p.json', { fetch: spy });
    assert.equal(r.ok, false);
    assert.equal(called, false);
  });

  /** A fetch that answers each address from a table and records what was requested. */
  function scripted(answers: Record<string, { status: number; location?: string }>) {
    const requested: string[] = [];
    const fetchFn: FetchLike = async (url, init) => {
      requested.push(url);
      assert.equal(init.redirect, 'manual');
      const a = answers[url] ?? { status: 404 };
      const headers = new Headers(a.location ? { location: a.location } : {});
      return { ok: a.status < 300, status: a.status, headers, body: new Response(JSON.stringify(bundled)).body };
    };
    return { requested, fetchFn };
  }

  test('a redirect from https to plain http is refused before the http address is requested', async () => {
    const { requested, fetchFn } = scripted({ 'https://prices.example.com/p.json': { status: 302, location: 'http://evil.example/p.json?token=1' } });
    const r = await downloadText('https://prices.example.com/p.json', { fetch: fetchFn });
    assert.ok(!r.ok && /redirected to an address that is not allowed/.test(r.reason), JSON.stringify(r));
    assert.deepEqual(requested, ['https://prices.example.com/p.json']);
  });

  test('https redirected to this machine or a private network is refused, even over https', async () => {
    for (const target of ['http://127.0.0.1/p.json', 'https://127.0.0.1/p.json', 'https://192.168.1.2/p.json', 'https://[::1]/p.json']) {
      const { requested, fetchFn } = scripted({ 'https://prices.example.com/p.json': { status: 301, location: target } });
      const r = await downloadText('https://prices.example.com/p.json', { fetch: fetchFn });
      assert.ok(!r.ok && /not allowed/.test(r.reason), `${target}: ${JSON.stringify(r)}`);
      assert.equal(requested.length, 1, target);
    }
  });

  test('redirects between https addresses are followed, relative ones too, up to the hop limit', async () => {
    const ok = scripted({
      'https://a.example/p.json': { status: 302, location: 'https://b.example/x/p.json' },
      'https://b.example/x/p.json': { status: 307, location: '../final.json' },
      'https://b.example/final.json': { status: 200 },
    });
    const r = await downloadText('https://a.example/p.json', { fetch: ok.fetchFn });
    assert.ok(r.ok && r.url === 'https://b.example/final.json', JSON.stringify(r).slice(0, 200));
    const loop = scripted({ 'https://a.example/p.json': { status: 302, location: 'https://a.example/p.json' } });
    const l = await downloadText('https://a.example/p.json', { fetch: loop.fetchFn });
    assert.ok(!l.ok && /redirected more than 5 times/.test(l.reason), JSON.stringify(l));
    assert.equal(loop.requested.length, 6);
  });
});

describe('price update over HTTP (127.0.0.1)', () => {
  test('a newer valid file is accepted and its new price is in the result', async () => {
    const r = await fetchPricingUpdate(bundled, `${base}/newer.json`, { fetch: fetchReal, now: laterNow });
    assert.equal(r.status, 'accepted', JSON.stringify(r).slice(0, 300));
    if (r.status !== 'accepted') return;
    const m = r.file.models.find((x) => x.id === 'deepseek/deepseek-flash@cn')!;
    assert.equal('rates' in m.price && m.price.rates.input, 0.8);
    assert.equal(r.file.updated, dayAfter(bundled.updated));
    assert.equal(r.file.models.length, bundled.models.length);
    assert.equal(r.summary.added.length, 0);
    assert.equal(r.summary.replaced.length, bundled.models.length);
    assert.ok(r.text.length > 1000);
  });

  test('a local mirror that redirects on this machine is followed', async () => {
    const r = await fetchPricingUpdate(bundled, `${base}/moved.json`, { fetch: fetchReal, now: laterNow });
    assert.equal(r.status, 'accepted', JSON.stringify(r).slice(0, 300));
  });

  test('the same file is not newer: nothing changes, and the message says why', async () => {
    const r = await fetchPricingUpdate(bundled, `${base}/same.json`, { fetch: fetchReal, now });
    assert.ok(r.status === 'not-newer' && r.reason.includes(`the same date as the prices in use (${bundled.updated})`), JSON.stringify(r));
  });

  test('an older file never replaces newer data', async () => {
    const r = await fetchPricingUpdate(bundled, `${base}/older.json`, { fetch: fetchReal, now });
    assert.ok(r.status === 'not-newer' && /dated 2025-01-01, older than/.test(r.reason), JSON.stringify(r));
  });

  test('broken JSON, schema errors and HTTP errors keep the current data and say why', async () => {
    const broken = await fetchPricingUpdate(bundled, `${base}/broken.json`, { fetch: fetchReal, now });
    assert.ok(broken.status === 'invalid' && /not valid JSON/.test(broken.reason), JSON.stringify(broken));
    const negative = await fetchPricingUpdate(bundled, `${base}/negative.json`, { fetch: fetchReal, now: laterNow });
    assert.ok(negative.status === 'invalid' && negative.reason.includes('models[0].price.rates.input'), JSON.stringify(negative));
    const missing = await fetchPricingUpdate(bundled, `${base}/missing.json`, { fetch: fetchReal, now });
    assert.ok(missing.status === 'failed' && /HTTP 404/.test(missing.reason), JSON.stringify(missing));
  });

  test('size limit: by the declared length and while reading an undeclared one', async () => {
    const declared = await downloadText(`${base}/big-declared.json`, { fetch: fetchReal, maxBytes: 10_000 });
    assert.ok(!declared.ok && /more than the 10 KiB limit/.test(declared.reason), JSON.stringify(declared));
    const chunked = await downloadText(`${base}/big-chunked.json`, { fetch: fetchReal, maxBytes: 10_000 });
    assert.ok(!chunked.ok && /sent more than the 10 KiB limit/.test(chunked.reason), JSON.stringify(chunked));
    const fits = await downloadText(`${base}/big-chunked.json`, { fetch: fetchReal, maxBytes: 20_000 });
    assert.ok(fits.ok && fits.text.length === 20_000);
  });

  test('a server that never answers is given up on', async () => {
    const r = await downloadText(`${base}/silent.json`, { fetch: fetchReal, timeoutMs: 300 });
    assert.ok(!r.ok && /did not answer within/.test(r.reason), JSON.stringify(r));
  });

  test('nothing listening: the reason names the address', async () => {
    const r = await downloadText('http://127.0.0.1:9/p.json', { fetch: fetchReal });
    assert.ok(!r.ok && r.reason.startsWith('could not reach http://127.0.0.1:9/p.json'), JSON.stringify(r));
  });
});

describe('merging an update', () => {
  test('a newer file does not put back a price checked earlier than the one in use', () => {
    const update = newerFile();
    const gpt4o = update.models.find((m: LooseJson) => m.id === 'openai/gpt-4o');
    const mine = bundled.models.find((m) => m.id === 'openai/gpt-4o')!;
    gpt4o.checked = '2024-01-01';
    gpt4o.price.rates.input = 5;
    const d = evaluateUpdate(bundled, update, 'update.json', laterNow);
    assert.equal(d.status, 'accepted');
    if (d.status !== 'accepted') return;
    assert.deepEqual(d.summary.keptNewer, ['openai/gpt-4o']);
    assert.deepEqual(d.file.models.find((m) => m.id === 'openai/gpt-4o')!.price, mine.price);
  });

  test('models only in the update are added; models it lacks are kept', () => {
    const update = newerFile();
    const template = update.models.find((m: LooseJson) => m.id === 'openai/gpt-4o');
    update.models = update.models.filter((m: LooseJson) => m.vendor !== 'mistral' && m.id !== 'openai/gpt-4o');
    update.models.push({ ...template, id: 'openai/gpt-4o-2026', apiId: 'gpt-4o-2026' });
    recheck(update.models[update.models.length - 1], update.updated);
    update.plans = update.plans.filter((p: LooseJson) => !p.models?.some((id: string) => id === 'openai/gpt-4o'));
    const d = evaluateUpdate(bundled, update, 'update.json', laterNow);
    assert.equal(d.status, 'accepted', JSON.stringify(d).slice(0, 300));
    if (d.status !== 'accepted') return;
    assert.deepEqual(d.summary.added, ['openai/gpt-4o-2026']);
    const ids = new Set(d.file.models.map((m) => m.id));
    assert.ok(ids.has('mistral/mistral-large-latest') && ids.has('openai/gpt-4o') && ids.has('openai/gpt-4o-2026'));
  });

  test('an update that fails pricing:check (cache dearer than input) is refused', () => {
    const update = newerFile();
    const m = update.models.find((x: LooseJson) => x.id === 'deepseek/deepseek-flash@cn');
    m.price.rates.cacheRead = 5;
    const d = evaluateUpdate(bundled, update, 'update.json', laterNow);
    assert.ok(d.status === 'invalid' && /failed the pricing check/.test(d.reason) && d.reason.includes('cacheRead'), JSON.stringify(d));
  });

  test('an accepted file evaluated again against itself is not newer (start-up re-apply is idempotent)', () => {
    const first = evaluateUpdate(bundled, newerFile(), 'u.json', laterNow);
    assert.equal(first.status, 'accepted');
    const again = evaluateUpdate((first as { file: PricingFile }).file, newerFile(), 'u.json', laterNow);
    assert.equal(again.status, 'not-newer');
  });
});
