import { formatMoney } from '../core/format';
import { h, icon } from './dom';
import type { ComparisonView, PlanView } from './protocol';
import type { Translate } from './strings';

export interface PlansContext {
  view: ComparisonView;
  t: Translate;
  locale: string;
  open: boolean;
  onToggle(open: boolean): void;
  onOpenSource(planId: string): void;
}

export interface PlansResult {
  section: HTMLElement;
  /** Visible text of each compared plan's row. */
  rows: string[][];
  /** Plans listed without a comparison. */
  others: string[];
}

/** Calls a day as a person says them: whole numbers from 10 up, one or two decimals below. */
function callsText(n: number, locale: string): string {
  const digits = n >= 10 ? 0 : n >= 1 ? 1 : 2;
  return n.toLocaleString(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

function planPrice(p: PlanView, ctx: PlansContext): string {
  const sold = formatMoney(p.price.amount, p.price.currency, ctx.locale);
  const text = ctx.t(p.price.period === 'year' ? 'planPerYear' : 'planPerMonth', sold);
  // The display currency or a yearly price: also say what it is a month in the currency of the table.
  const converted = p.price.currency !== ctx.view.assumptions.currency || p.price.period === 'year';
  return converted ? ctx.t('withMonthly', text, ctx.t('approxMonthly', formatMoney(p.planMonthly, ctx.view.assumptions.currency, ctx.locale))) : text;
}

function verdict(p: PlanView, ctx: PlansContext): string {
  const money = (n: number) => formatMoney(Math.abs(n), ctx.view.assumptions.currency, ctx.locale);
  switch (p.cheaper) {
    case 'plan':
      return ctx.t('verdictPlan', money(p.monthlySaving ?? 0));
    case 'pay-as-you-go':
      return ctx.t('verdictPayg', money(p.monthlySaving ?? 0));
    case 'even':
      return ctx.t('verdictEven');
    default:
      return '';
  }
}

function headline(compared: PlanView[], total: number, ctx: PlansContext): string {
  const calls = callsText(ctx.view.assumptions.callsPerDay, ctx.locale);
  const money = (n: number) => formatMoney(n, ctx.view.assumptions.currency, ctx.locale);
  // A plan that covers the model in use says the most: its cheapest one against pay-as-you-go.
  const forCurrent = compared.filter((p) => p.modelId === ctx.view.currentModelId).sort((a, b) => a.planMonthly - b.planMonthly)[0];
  if (forCurrent?.payAsYouGoMonthly !== undefined) {
    return `${ctx.t('plansCount', total)} — ${ctx.t('plansCurrent', calls, forCurrent.modelName ?? forCurrent.modelId ?? '', money(forCurrent.payAsYouGoMonthly), forCurrent.name, money(forCurrent.planMonthly))}`;
  }
  const best = compared.filter((p) => p.cheaper === 'plan').sort((a, b) => (b.monthlySaving ?? 0) - (a.monthlySaving ?? 0))[0];
  const verdictText = best
    ? ctx.t('plansBest', calls, best.name, formatMoney(best.monthlySaving ?? 0, ctx.view.assumptions.currency, ctx.locale))
    : compared.length
      ? ctx.t('plansNoneBetter', calls)
      : ctx.t('plansNoComparison');
  return `${ctx.t('plansCount', total)} — ${verdictText}`;
}

/**
 * The "Plans and subscriptions" section: for this text and the calls per day, each plan's price
 * against the pay-as-you-go month of the model it covers, the break-even calls a day and which is
 * cheaper. Plans with no covered model priced here (app subscriptions) are listed on one line.
 */
export function plansSection(plans: PlanView[], ctx: PlansContext): PlansResult {
  const { t } = ctx;
  const compared = plans.filter((p) => p.cheaper !== 'unknown');
  const others = plans.filter((p) => p.cheaper === 'unknown');
  const headers = [t('colPlan'), t('colPlanPrice'), t('colPayg'), t('colBreakEven'), t('colVerdict')];
  const rows: string[][] = [];
  const body = h('tbody');
  for (const p of compared) {
    const payg = p.payAsYouGoMonthly === undefined ? '' : formatMoney(p.payAsYouGoMonthly, ctx.view.assumptions.currency, ctx.locale);
    const cells = [
      p.stale ? t('withStale', `${p.name} · ${p.vendorName}`) : `${p.name} · ${p.vendorName}`,
      planPrice(p, ctx),
      p.modelName ? `${payg} ${t('paygModel', p.modelName)}` : payg,
      p.breakEvenCallsPerDay === undefined ? '—' : t('breakEvenCalls', callsText(p.breakEvenCallsPerDay, ctx.locale)),
      verdict(p, ctx),
    ];
    rows.push(cells);
    const current = p.modelId === ctx.view.currentModelId;
    body.append(
      h(
        'tr',
        {
          class: [p.cheaper === 'plan' ? 'plan-better' : p.cheaper === 'pay-as-you-go' ? 'payg-better' : '', current ? 'current' : '']
            .filter(Boolean)
            .join(' '),
        },
        h(
          'th',
          { scope: 'row' },
          h(
            'button',
            { type: 'button', class: 'link-button plan-source', 'data-plan': p.id, title: t('planTitle', t('openSource', p.source), p.includes, p.checked) },
            p.name,
          ),
          ' ',
          h('span', { class: 'muted' }, p.vendorName),
          p.stale ? h('span', { class: 'stale-mark', title: t('planStale', ctx.view.staleAfterDays), 'aria-label': t('stale') }, ' ', icon('history')) : null,
          h('div', { class: 'plan-includes muted', title: p.includes }, p.includes),
          p.callsCovered !== undefined && p.includedCredits !== undefined && p.modelName
            ? h(
                'div',
                { class: 'plan-covers' },
                t('creditsCover', callsText(p.includedCredits, ctx.locale), callsText(p.callsCovered, ctx.locale), p.modelName),
              )
            : null,
        ),
        h('td', { class: 'num' }, cells[1]),
        h('td', { class: 'num' }, payg, p.modelName ? h('div', { class: 'muted' }, t('paygModel', p.modelName)) : null),
        h('td', { class: 'num' }, cells[3]),
        h('td', { class: 'verdict' }, cells[4]),
      ),
    );
  }
  const otherTexts = others.map((p) => `${p.name} ${planPrice(p, ctx)}`);
  const section = h(
    'details',
    { class: 'plans', id: 'plans', open: ctx.open },
    h('summary', {}, icon('credit-card'), ' ', h('strong', {}, t('plansTitle')), ' ', h('span', { class: 'muted' }, headline(compared, plans.length, ctx))),
    compared.length
      ? h(
          'div',
          { class: 'table-box' },
          h(
            'table',
            { class: 'plans-table' },
            h('thead', {}, h('tr', {}, ...headers.map((x, i) => h('th', { scope: 'col', class: i > 0 && i < 4 ? 'num' : '' }, x)))),
            body,
          ),
        )
      : null,
    compared.length ? h('p', { class: 'muted small' }, t('plansNote')) : null,
    others.length
      ? h(
          'p',
          { class: 'muted small other-plans' },
          t('otherPlans'),
          ' ',
          ...others.flatMap((p, i) => [i ? ' · ' : '', h('span', { title: `${p.vendorName}\n${p.includes}` }, otherTexts[i])]),
        )
      : null,
  );
  section.addEventListener('toggle', () => ctx.onToggle((section as HTMLDetailsElement).open));
  section.addEventListener('click', (e) => {
    const button = (e.target as HTMLElement).closest<HTMLButtonElement>('button.plan-source');
    if (button?.dataset.plan) ctx.onOpenSource(button.dataset.plan);
  });
  return { section, rows, others: otherTexts };
}
