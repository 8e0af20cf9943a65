import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareText } from '../../src/core/compare';
import { applyOverlay, loadBundledCatalogue } from '../../src/core/pricing/catalogue';
import { formatMoney } from '../../src/core/format';
import { comparisonToCsv, comparisonToMarkdown } from '../../src/core/report';
import { assumptionsAt } from './support';
import type { Assumptions } from '../../src/core/types';

const bundled = loadBundledCatalogue();
const zh = readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'prompt-zh.txt'), 'utf8');
const a: Assumptions = assumptionsAt({ currency: 'CNY' });

/** CSV parser for the test: RFC 4180 quoted fields and CRLF records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += ch;
  }
  return records;
}

describe('comparisonToMarkdown', async () => {
  const c = await compareText(zh, bundled, a, { currentModelId: 'deepseek/deepseek-flash@cn', vendors: ['deepseek', 'alibaba', 'zhipu', 'iflytek'] });
  const flash = c.rows.find((r) => r.model.id === 'deepseek/deepseek-flash@cn')!;

  test('English: the table, the current model, unpriced and free rows, suggestions', () => {
    const md = comparisonToMarkdown(c, 'en');
    assert.match(md, /^# Token Spend: cost comparison/);
    assert.ok(md.includes('| Model | Vendor | Tokens | Input | Output | Per call | Per 1,000 calls | Per month | Checked |'));
    const currentLine = md.split('\n').find((l) => l.includes('**DeepSeek-V4.1-Flash** (current)'));
    assert.ok(currentLine, 'current model row');
    assert.ok(currentLine.includes(formatMoney(flash.cost!.total, 'CNY', 'en')));
    assert.ok(currentLine.includes(String(flash.count.tokens)));
    assert.match(md, /\| Qwen4-Max \|[^\n]*\| unpriced \| unpriced \|/i);
    assert.match(md, /GLM-4\.7-Flash[^\n]*\| free \| free \|/i);
    assert.ok(md.includes('## Cheaper equivalents of DeepSeek-V4.1-Flash'));
    for (const s of c.suggestions) assert.ok(md.includes(`**${s.model.name}**`), s.model.name);
    assert.match(md, /\| ≈\d+ \|/, 'estimated counts carry ≈');
    assert.ok(md.includes('2026-10-09'), 'exchange-rate date');
  });

  test('Simplified Chinese', () => {
    const md = comparisonToMarkdown(c, 'zh-cn');
    assert.match(md, /^# Token Spend：费用对比/);
    assert.ok(md.includes('| 模型 | 厂商 |'));
    assert.ok(md.includes('未定价'));
    assert.ok(md.includes('免费'));
    assert.ok(md.includes('深度求索'));
    assert.ok(md.includes('**DeepSeek-V4.1-Flash** (当前)'));
  });

  test('pipes in names cannot break the table', async () => {
    const gpt = bundled.model('openai/gpt-4o-mini')!;
    const { catalogue } = applyOverlay(bundled, { version: 1, models: [{ ...gpt, id: 'openai/piped', name: 'A|B' }] }, 'o.json');
    const md = comparisonToMarkdown(await compareText('hi', catalogue, a, { currentModelId: 'openai/piped', modelIds: [] }), 'en');
    assert.ok(md.includes('**A\\|B** (current)'));
  });
});

describe('comparisonToCsv', async () => {
  test('RFC 4180 records, one per row, unformatted numbers', async () => {
    const c = await compareText(zh, bundled, a, { currentModelId: 'deepseek/deepseek-flash@cn', vendors: ['deepseek', 'alibaba', 'iflytek'] });
    const csv = comparisonToCsv(c);
    assert.ok(csv.endsWith('\r\n'));
    const records = parseCsv(csv);
    assert.equal(records.length, c.rows.length + 1);
    const header = records[0];
    assert.ok(records.every((r) => r.length === header.length));
    const byId = new Map(records.slice(1).map((r) => [r[0], Object.fromEntries(header.map((h, i) => [h, r[i]]))]));
    const flash = c.rows.find((r) => r.model.id === 'deepseek/deepseek-flash@cn')!;
    const line = byId.get('deepseek/deepseek-flash@cn')!;
    assert.equal(Number(line.total_per_call), flash.cost!.total);
    assert.equal(line.currency, 'CNY');
    assert.equal(line.current, 'true');
    assert.equal(byId.get('alibaba/qwen4-max@cn')!.total_per_call, '');
    assert.ok(byId.get('alibaba/qwen4-max@cn')!.unpriced.length > 0);
  });

  test('formula injection: cells starting with = + - @ are defused, quotes and commas quoted', async () => {
    const gpt = bundled.model('openai/gpt-4o-mini')!;
    const overlay = {
      version: 1,
      models: [
        { ...gpt, id: 'openai/evil-1', name: '=HYPERLINK("http://x.example","click")' },
        { ...gpt, id: 'openai/evil-2', name: '@SUM(A1:A9), more' },
        { ...gpt, id: 'openai/evil-3', name: '+1' },
        { ...gpt, id: 'openai/evil-4', name: '-1' },
      ],
    };
    const { catalogue, errors } = applyOverlay(bundled, overlay, 'evil.json');
    assert.deepEqual(errors, []);
    const c = await compareText('hi', catalogue, a, { currentModelId: 'openai/evil-1', modelIds: ['openai/evil-2', 'openai/evil-3', 'openai/evil-4'] });
    const csv = comparisonToCsv(c);
    assert.ok(csv.includes(`"'=HYPERLINK(""http://x.example"",""click"")"`));
    assert.ok(csv.includes(`"'@SUM(A1:A9), more"`));
    const names = parseCsv(csv)
      .slice(1)
      .map((r) => r[1]);
    assert.deepEqual(names.sort(), [`'+1`, `'-1`, `'=HYPERLINK("http://x.example","click")`, `'@SUM(A1:A9), more`].sort());
  });
});
