// 项目详情: the execution curve against 序时进度, the fund sources, and the live 财政项目支出绩效自评表 in the official
// layout, every figure of which opens its explanation (the events and rules behind it).
import { h, fill, flash, morph } from './dom.js';
import { scoring } from './api.js';
import { amount, rate, text, count, cents, fromCents, compare, dateTime, STATUS, PROJECT_STATUS, SOURCES, EVENT_TYPES, flagLabel, DASH } from './format.js';
import { openStream, Coalescer, singleFlight } from './live.js';
import { showError, livePaused } from './ui.js';
import { loadECharts, chartOn, escapeHtml, COLORS } from './charts.js';
import { badge } from './overview.js';

const FUND_ROWS = [
  { key: 'total', label: '年度资金总额', short: '合计', sources: SOURCES.map((s) => s.code) },
  { key: 'currentYearAppropriation', label: '其中：当年财政拨款', short: '当年财政拨款', sources: ['CURRENT_YEAR_APPROPRIATION'] },
  { key: 'priorYearCarryover', label: '上年结转资金', short: '上年结转资金', sources: ['PRIOR_YEAR_CARRYOVER'] },
  { key: 'otherFunds', label: '其他资金', short: '其他资金', sources: ['OTHER_FUNDS'] },
];
const FUND_COLUMNS = { initial: '年初预算数', fullYear: '全年预算数', executed: '全年执行数', rate: '执行率' };
const SOURCE_LABEL = Object.fromEntries(SOURCES.map((s) => [s.code, s.label]));
const INPUT_LABELS = { target: '年度指标值', actual: '实际完成值', weight: '分值' };
const PRINTED_FROM = { SELF_ASSESSED: '自评得分', COMPUTED: '按规则计算', NONE: '无' };

/** A published figure's field as the form's headings name it (年度资金总额 执行率, 合格率 得分, 总分). */
function fieldLabel(form, field) {
  if (!field) return DASH;
  if (field === 'total') return '总分';
  if (field === 'grade') return '评分等级';
  const parts = field.split('.');
  if (parts[0] === 'funds') {
    if (parts.length === 2) return `项目资金 ${parts[1] === 'weight' ? '分值' : parts[1] === 'score' ? '得分' : parts[1]}`;
    const row = FUND_ROWS.find((r) => r.key === parts[1]);
    const name = parts[1] === 'total' ? '年度资金总额' : row ? row.short : parts[1];
    return `${name} ${FUND_COLUMNS[parts[2]] || parts[2]}`;
  }
  if (parts[0] === 'indicators' && parts.length >= 3) {
    const id = parts.slice(1, -1).join('.');
    const ind = (form.indicators || []).find((i) => i.indicatorId === id);
    const col = parts[parts.length - 1];
    return `${ind ? text(ind.level3) : id} ${col === 'weight' ? '分值' : col === 'score' ? '得分' : col}`;
  }
  return field;
}

function flags(list) {
  if (!list || !list.length) return null;
  return h('span', { class: 'flags' }, list.map((f) => h('span', { class: 'flag', title: f }, flagLabel(f))));
}

export function mount(main, { params, query, ctx, setTitle }) {
  const projectId = params[0];
  const asOf = query.get('asOf') || '';
  let by = query.get('by') === 'WEEK' ? 'WEEK' : 'DAY';
  let form = null;
  let history = null;
  let explainPromise = null;
  let figures = new Map(); // data-figure → what it shows
  let openFigure = null;
  let chart = null;
  setTitle('项目详情');

  // ---- skeleton
  const title = h('h1', { tabindex: '-1' }, projectId);
  const meta = h('dl', { class: 'meta' });
  const kpis = h('div', { class: 'kpis', id: 'project-kpis' });
  const dayButton = h('button', { type: 'button', class: 'toggle', dataset: { by: 'DAY' } }, '按日');
  const weekButton = h('button', { type: 'button', class: 'toggle', dataset: { by: 'WEEK' } }, '按周');
  const chartBox = h('div', { id: 'execution-chart', class: 'chart', role: 'img', 'aria-label': '累计执行率与序时进度曲线' });
  const fundTable = h('table', { id: 'fund-sources', class: 'data-table funds' });
  const formTable = h('table', { id: 'live-form', class: 'form-table', dataset: { ready: 'false' } });
  const formNotes = h('div', { class: 'form-notes' });
  const formState = h('p', { class: 'subtitle', id: 'form-state' });
  const panelTitle = h('h2', { id: 'explanation-title', tabindex: '-1' }, '说明');
  const panelBody = h('div', { class: 'explanation-body' });
  const panelClose = h('button', { type: 'button', class: 'panel-close', 'aria-label': '关闭说明' }, '×');
  const panel = h('aside', { id: 'explanation', class: 'explanation', hidden: true, 'aria-labelledby': 'explanation-title', tabindex: '-1' },
    h('div', { class: 'panel-head' }, panelTitle, panelClose), panelBody);

  fill(main, h('section', { class: 'page project-page' },
    h('nav', { class: 'breadcrumb', 'aria-label': '位置' }, h('a', { href: '#/' }, '总览'), h('span', { 'aria-hidden': 'true' }, ' › '), h('span', { id: 'crumb-name' }, projectId)),
    h('header', { class: 'page-head project-head' }, h('div', null, title, meta), kpis),
    asOf ? h('p', { class: 'as-of-note' }, `截至 ${asOf} 的数据，不接收实时更新。`, h('a', { href: `#/projects/${encodeURIComponent(projectId)}` }, '查看今日实时数据')) : null,
    h('div', { class: 'project-grid' },
      h('section', { class: 'card chart-card', 'aria-labelledby': 'curve-heading' },
        h('div', { class: 'card-head' }, h('h2', { id: 'curve-heading' }, '执行进度：累计执行率与序时进度'),
          h('div', { class: 'toggles', role: 'group', 'aria-label': '时间粒度' }, dayButton, weekButton)),
        chartBox),
      h('section', { class: 'card', 'aria-labelledby': 'funds-heading' },
        h('h2', { id: 'funds-heading' }, '资金来源', h('span', { class: 'th-note' }, '（万元）')),
        h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': '资金来源表' }, fundTable))),
    h('section', { class: 'card form-card', 'aria-labelledby': 'form-heading' },
      h('div', { class: 'card-head' }, h('h2', { id: 'form-heading' }, '财政项目支出绩效自评表'), formState),
      h('p', { class: 'hint' }, '点击表中任一数字，查看其来源（资金事件、评分规则与输入）。'),
      h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': '绩效自评表' }, formTable),
      formNotes),
    panel));

  // ---- header, KPIs and the fund sources
  function renderHead() {
    const last = history && history.points && history.points.length ? history.points[history.points.length - 1] : null;
    if (form) {
      setTitle(form.name || projectId);
      fill(title, text(form.name));
      fill(document.getElementById('crumb-name'), text(form.name));
    }
    const item = (label, ...value) => h('div', { class: 'meta-item' }, h('dt', null, label), h('dd', null, ...value));
    fill(meta,
      item('项目编码', projectId),
      form ? item('主管部门', text(form.department)) : null,
      form ? item('实施单位', text(form.implementingUnit)) : null,
      item('年度', text(form?.year ?? history?.fiscalYear)),
      item('执行状态', h('span', { id: 'project-status' }, last ? badge(last.status) : DASH)),
      form && form.status ? item('年度状态', PROJECT_STATUS[form.status] || form.status) : null);
    const kpi = (label, value, cls) => h('div', { class: ['kpi', cls] }, h('span', { class: 'kpi-label' }, label), h('span', { class: 'kpi-value' }, value));
    const total = form?.funds?.total;
    fill(kpis,
      kpi('全年预算数（万元）', amount(total?.fullYear), 'full-year'),
      kpi('全年执行数（万元）', amount(total?.executed), 'executed'),
      kpi('执行率', rate(total?.rate), 'rate'),
      kpi('序时进度', rate(last?.benchmark), 'benchmark'),
      kpi('总分 / 等级', `${text(form?.total)} / ${text(form?.grade)}`, 'score'));
  }

  function renderFunds() {
    if (!form) return;
    const funds = form.funds || {};
    const rows = [...FUND_ROWS.slice(1), FUND_ROWS[0]].map((r) => {
      const f = funds[r.key] || {};
      return h('tr', { class: r.key === 'total' ? 'total-row' : null, dataset: { source: r.key === 'total' ? 'TOTAL' : r.sources[0] } },
        h('th', { scope: 'row' }, r.short),
        h('td', { class: 'initial num' }, amount(f.initial)),
        h('td', { class: 'full-year num' }, amount(f.fullYear)),
        h('td', { class: 'executed num' }, amount(f.executed)),
        h('td', { class: 'rate num' }, rate(f.rate)));
    });
    fill(fundTable, h('caption', { class: 'visually-hidden' }, '资金来源（万元）'),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, '资金来源'), ...['年初预算数', '全年预算数', '全年执行数', '执行率'].map((l) => h('th', { scope: 'col', class: 'num' }, l)))),
      h('tbody', null, rows));
  }

  // ---- the form in the official layout; every figure a button
  function figure(name, shown, describe, what) {
    figures.set(name, what);
    return h('button', { type: 'button', class: 'figure', dataset: { figure: name }, 'aria-label': `${describe} ${shown}，查看说明`, 'aria-controls': 'explanation' }, shown);
  }

  function renderForm() {
    const before = new Map([...formTable.querySelectorAll('button.figure')].map((b) => [b.dataset.figure, b.textContent]));
    const focused = document.activeElement && formTable.contains(document.activeElement) ? document.activeElement.dataset.figure : null;
    figures = new Map();
    const f = form;
    const funds = f.funds || {};
    const th = (label, attrs) => h('th', attrs, label);
    const rows = [];
    rows.push(h('tr', null, th('项目名称', { scope: 'row' }), h('td', { colspan: '7', class: 'name' }, text(f.name))));
    rows.push(h('tr', null, th('主管部门', { scope: 'row' }), h('td', { colspan: '3', class: 'department' }, text(f.department)),
      th('实施单位', { scope: 'row' }), h('td', { colspan: '3', class: 'unit' }, text(f.implementingUnit))));
    rows.push(h('tr', { class: 'funds-head' }, th(['项目资金', h('br'), '（万元）'], { rowspan: '5', scope: 'rowgroup' }), h('td', { class: 'blank' }),
      ...['年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'].map((l) => th(l, { scope: 'col' }))));
    for (const r of FUND_ROWS) {
      const row = funds[r.key] || {};
      const cell = (col) => {
        const shown = col === 'rate' ? rate(row[col]) : amount(row[col]);
        return h('td', { class: ['num', col] }, figure(`funds.${r.key}.${col}`, shown, `${r.short} ${FUND_COLUMNS[col]}`,
          { kind: 'fund', row: r, col, value: row[col] }));
      };
      const scored = r.key === 'total';
      rows.push(h('tr', { class: 'fund-row', dataset: { row: r.key } }, th(r.label, { scope: 'row' }),
        cell('initial'), cell('fullYear'), cell('executed'),
        h('td', { class: 'num weight' }, scored ? figure('funds.weight', text(funds.weight), '项目资金 分值', { kind: 'funds-score', value: funds.weight }) : '—'),
        cell('rate'),
        h('td', { class: 'num score' }, scored ? figure('funds.score', text(funds.score), '项目资金 得分', { kind: 'funds-score', value: funds.score }) : '—')));
    }
    rows.push(h('tr', null, th('年度总体目标', { rowspan: '2', scope: 'rowgroup' }), th('预期目标', { colspan: '3', scope: 'col' }), th('实际完成情况', { colspan: '4', scope: 'col' })));
    rows.push(h('tr', { class: 'goal' }, h('td', { colspan: '3', class: 'goal-text expected' }, text(f.goal?.expected)),
      h('td', { colspan: '4', class: 'goal-text actual' }, text(f.goal?.actual))));
    rows.push(h('tr', { class: 'indicators-head' }, ...['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'].map((l) => th(l, { scope: 'col' }))));
    const indicators = f.indicators || [];
    indicators.forEach((ind, i) => {
      const id = ind.indicatorId || `#${i + 1}`;
      const cells = [];
      // merged 一级/二级 headings, as printed
      const sameLevel1 = (a, b) => a && b && a.level1 === b.level1;
      if (!sameLevel1(indicators[i - 1], ind)) {
        let span = 1;
        while (sameLevel1(indicators[i + span], ind)) span++;
        cells.push(h('td', { rowspan: String(span), class: 'level1' }, text(ind.level1)));
      }
      const sameLevel2 = (a, b) => sameLevel1(a, b) && a.level2 === b.level2;
      if (!sameLevel2(indicators[i - 1], ind)) {
        let span = 1;
        while (sameLevel2(indicators[i + span], ind)) span++;
        cells.push(h('td', { rowspan: String(span), class: 'level2' }, text(ind.level2)));
      }
      const what = { kind: 'indicator', index: i, indicator: ind };
      cells.push(h('td', { class: 'level3' }, text(ind.level3)),
        h('td', { class: 'target' }, text(ind.target)),
        h('td', { class: ['actual', ind.actual === '未填报' && 'missing'] }, text(ind.actual)),
        h('td', { class: 'num weight' }, figure(`indicators.${id}.weight`, text(ind.weight), `${ind.level3 ?? ''} 分值`, what)),
        h('td', { class: 'num score' }, figure(`indicators.${id}.score`, text(ind.score), `${ind.level3 ?? ''} 得分`, what)),
        h('td', { class: 'deviation' }, ind.deviation ? h('span', { class: 'deviation-text' }, ind.deviation) : null, flags(ind.flags)));
      rows.push(h('tr', { class: 'indicator', dataset: { indicatorId: id } }, cells));
    });
    rows.push(h('tr', { class: 'total-row' }, th('总分', { colspan: '5', scope: 'row' }), h('td', { class: 'num' }, '100.00'),
      h('td', { class: 'num total' }, figure('total', text(f.total), '总分', { kind: 'total' })),
      h('td', { class: 'grade' }, '评分等级：', figure('grade', text(f.grade), '评分等级', { kind: 'grade' }))));
    const fresh = h('table', { id: 'live-form', class: 'form-table', dataset: { ready: 'true', total: f.total ?? '' } },
      h('caption', null, h('span', { class: 'form-title' }, '财政项目支出绩效自评表'), h('span', { class: 'form-year' }, `（${text(f.year)} 年度）`)),
      h('colgroup', null, ['9%', '12%', '13%', '13%', '13%', '7%', '8%', '25%'].map((width) => h('col', { style: { width } }))),
      h('tbody', null, rows));
    // a live form changes figures, rarely its shape: the table is updated in place, so focus and references stay
    morph(formTable, fresh);
    if (openFigure && !panel.hidden) formTable.querySelector(`button.figure[data-figure="${CSS.escape(openFigure)}"]`)?.setAttribute('aria-expanded', 'true');
    // what changed since the last form, briefly highlighted
    if (before.size) {
      flash([...formTable.querySelectorAll('button.figure')].filter((button) => {
        const old = before.get(button.dataset.figure);
        return old !== undefined && old !== button.textContent;
      }));
    }
    if (focused && !formTable.contains(document.activeElement)) formTable.querySelector(`button.figure[data-figure="${CSS.escape(focused)}"]`)?.focus();

    const notes = [];
    if (f.flags && f.flags.length) notes.push(h('p', { class: 'form-flags' }, '提示：', flags(f.flags)));
    if (f.publishedDifferences && f.publishedDifferences.length) {
      notes.push(h('table', { class: 'data-table published', id: 'published-differences' },
        h('caption', null, '与公开的自评表不一致的数字（导入时记录）'),
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, '项目'), h('th', { scope: 'col', class: 'num' }, '公开数'), h('th', { scope: 'col', class: 'num' }, '按规则计算'))),
        h('tbody', null, f.publishedDifferences.map((d) => h('tr', { dataset: { field: d.field || '' } }, h('td', { title: d.field || '' }, fieldLabel(f, d.field)),
          h('td', { class: 'num' }, text(d.published)), h('td', { class: 'num' }, text(d.computed)))))));
    }
    notes.push(h('p', { class: 'form-foot' }, `${text(f.projectId || projectId)} · 评分规则 ${text(f.ruleSet)}`,
      f.asOf ? ` · 截至 ${f.asOf}` : '', f.knownAt ? ` · 已知于 ${dateTime(f.knownAt)}` : ''));
    fill(formNotes, ...notes);
    fill(formState, asOf ? `截至 ${asOf}` : `实时 · 更新于 ${dateTime(new Date().toISOString())}`);
  }

  // ---- the explanation panel
  function explanation() {
    if (!explainPromise) {
      explainPromise = scoring(`/projects/${encodeURIComponent(projectId)}/form/explain`, null, { signal: ctx.signal });
      explainPromise.catch(() => {
        explainPromise = null;
      });
    }
    return explainPromise;
  }

  function openPanel(name, { focus = true } = {}) {
    const what = figures.get(name);
    if (!what) return;
    openFigure = name;
    panel.hidden = false;
    panel.dataset.figure = name;
    panel.dataset.ready = 'false';
    document.body.classList.add('panel-open');
    for (const b of formTable.querySelectorAll('button.figure[aria-expanded]')) b.removeAttribute('aria-expanded');
    formTable.querySelector(`button.figure[data-figure="${CSS.escape(name)}"]`)?.setAttribute('aria-expanded', 'true');
    fill(panelTitle, describe(what));
    if (!panelBody.firstChild) fill(panelBody, h('p', { class: 'loading' }, '加载中…'));
    if (focus) panelTitle.focus();
    explanation().then((ex) => {
      if (openFigure !== name) return;
      fill(panelBody, ...explain(what, ex));
      panel.dataset.ready = 'true';
    }, (error) => {
      if (openFigure !== name) return;
      fill(panelBody, h('p', { class: 'error-text' }, '未能加载说明。'));
      showError(error, '说明');
    });
  }

  function closePanel() {
    if (panel.hidden) return;
    const name = openFigure;
    openFigure = null;
    panel.hidden = true;
    panelBody.replaceChildren();
    document.body.classList.remove('panel-open');
    const button = formTable.querySelector(`button.figure[data-figure="${CSS.escape(name)}"]`);
    if (button) {
      button.removeAttribute('aria-expanded');
      button.focus();
    }
  }

  function describe(what) {
    switch (what.kind) {
      case 'fund': return `${what.row.short} ${FUND_COLUMNS[what.col]}：${what.col === 'rate' ? rate(what.value) : amount(what.value) + ' 万元'}`;
      case 'funds-score': return `项目资金 分值 ${text(form.funds?.weight)} · 得分 ${text(form.funds?.score)}`;
      case 'indicator': return `${text(what.indicator.level3)}：得分 ${text(what.indicator.score)} / 分值 ${text(what.indicator.weight)}`;
      case 'total': return `总分：${text(form.total)}`;
      case 'grade': return `评分等级：${text(form.grade)}`;
      default: return '说明';
    }
  }

  function rule(label, value) {
    return h('div', { class: 'rule' }, h('span', { class: 'rule-label' }, label), h('span', { class: 'rule-text' }, text(value)));
  }

  function explain(what, ex) {
    const common = h('p', { class: 'panel-foot' }, `评分规则 ${text(ex.ruleSet)} · 取舍 ${text(ex.rounding)}`,
      asOf ? ` · 说明按今日数据（表为截至 ${asOf}）` : '');
    if (what.kind === 'fund') return [...explainFund(what, ex), common];
    if (what.kind === 'funds-score') {
      return [rule('执行率', rate(ex.funds?.rate)), rule('得分规则', ex.funds?.fundsScoreRule), rule('得分', ex.funds?.score), common];
    }
    if (what.kind === 'indicator') return [...explainIndicator(what, ex), common];
    if (what.kind === 'total') {
      const parts = [['项目资金 得分', form.funds?.score], ...(form.indicators || []).map((i) => [i.level3, i.score])];
      const sum = parts.reduce((acc, [, v]) => acc + cents(v), 0n);
      return [rule('总分规则', ex.totalRule), rule('总分', ex.total),
        h('table', { class: 'data-table compact' }, h('caption', null, '构成'),
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, '项目'), h('th', { scope: 'col', class: 'num' }, '得分'))),
          h('tbody', null, parts.map(([label, v]) => h('tr', null, h('td', null, text(label)), h('td', { class: 'num' }, text(v))))),
          h('tfoot', null, h('tr', null, h('th', { scope: 'row' }, '合计'), h('td', { class: 'num' }, fromCents(sum))))), common];
    }
    if (what.kind === 'grade') return [rule('等级规则', ex.gradeRule), rule('总分', ex.total), rule('评分等级', ex.grade), common];
    return [common];
  }

  function explainFund(what, ex) {
    const bySource = ex.funds?.bySource || {};
    const cols = what.col === 'rate' ? ['fullYear', 'executed'] : [what.col];
    const many = what.row.sources.length > 1;
    const items = [];
    for (const source of what.row.sources) {
      for (const c of bySource[source] || []) items.push({ source, ...c });
    }
    const relevant = items.filter((c) => cols.some((col) => cents(c[col]) !== 0n));
    relevant.sort((a, b) => String(a.businessDate).localeCompare(String(b.businessDate)) || String(a.recordedAt).localeCompare(String(b.recordedAt)));
    const out = [];
    if (what.col === 'rate') {
      out.push(rule('执行率', rate(what.value)));
      out.push(rule('规则', what.row.key === 'total' ? ex.funds?.fundsScoreRule : '执行率 = 全年执行数 ÷ 全年预算数 × 100（按评分规则取舍）'));
    }
    if (!relevant.length) {
      out.push(h('p', { class: 'empty' }, '没有构成此数字的资金事件。'));
      return out;
    }
    const sums = Object.fromEntries(cols.map((col) => [col, relevant.reduce((acc, c) => acc + cents(c[col]), 0n)]));
    // four columns, so it fits the panel: event (and source), reference, amount(s), business date (and recorded time)
    const SHORT = Object.fromEntries(SOURCES.map((s) => [s.code, s.short]));
    out.push(h('div', { class: 'table-scroll' }, h('table', { class: 'data-table compact contributions', id: 'explanation-events' },
      h('caption', null, `资金事件 ${count(relevant.length)} 笔（金额单位：元）`),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, '事件'), h('th', { scope: 'col' }, '业务编号'),
        ...cols.map((col) => h('th', { scope: 'col', class: 'num' }, FUND_COLUMNS[col])), h('th', { scope: 'col' }, '业务日期', h('span', { class: 'sub' }, '记录时间')))),
      h('tbody', null, relevant.map((c) => h('tr', { dataset: { eventId: c.eventId || '', eventType: c.eventType || '', source: c.source } },
        h('td', { class: 'event-type', title: c.eventType || '' }, EVENT_TYPES[c.eventType] || text(c.eventType), many ? h('span', { class: 'sub' }, SHORT[c.source] || c.source) : null),
        h('td', { class: 'reference' }, text(c.reference)),
        ...cols.map((col) => h('td', { class: ['num', col, compare(c[col], '0') < 0 && 'negative'] }, amount(c[col]))),
        h('td', { class: 'dates' }, h('span', { class: 'business-date' }, text(c.businessDate)),
          h('span', { class: 'sub recorded-at', title: c.recordedAt || '' }, dateTime(c.recordedAt)))))),
      h('tfoot', null, h('tr', null, h('th', { scope: 'row', colspan: '2' }, '合计'),
        ...cols.map((col) => h('td', { class: 'num sum' }, fromCents(sums[col]))), h('td'))))));
    return out;
  }

  function explainIndicator(what, ex) {
    const ind = what.indicator;
    const found = (ex.indicators || []).find((i) => (ind.indicatorId && i.indicatorId === ind.indicatorId)) || (ex.indicators || [])[what.index];
    if (!found) return [h('p', { class: 'empty' }, '没有此指标的说明。')];
    const inputs = Object.entries(found.inputs || {});
    return [
      rule('三级指标', found.level3),
      rule('评分规则', found.rule),
      inputs.length ? h('table', { class: 'data-table compact inputs' }, h('caption', null, '输入'),
        h('tbody', null, inputs.map(([k, v]) => h('tr', null, h('th', { scope: 'row' }, INPUT_LABELS[k] || k), h('td', null, text(v)))))) : null,
      rule('按规则计算得分', found.computedScore),
      rule('自评得分', found.selfAssessedScore),
      ind.reviewedScore ? rule('复核得分', ind.reviewedScore) : null,
      rule('表中得分', `${text(found.printedScore)}（${PRINTED_FROM[found.printedFrom] || text(found.printedFrom)}）`),
      found.flags && found.flags.length ? h('div', { class: 'rule' }, h('span', { class: 'rule-label' }, '提示'), flags(found.flags)) : null,
    ];
  }

  formTable.addEventListener('click', (event) => {
    const button = event.target.closest('button.figure');
    if (!button) return;
    if (openFigure === button.dataset.figure && !panel.hidden) closePanel();
    else openPanel(button.dataset.figure);
  });
  panelClose.addEventListener('click', closePanel);
  const onKey = (event) => {
    if (event.key === 'Escape' && !panel.hidden) closePanel();
  };
  document.addEventListener('keydown', onKey);
  ctx.onCleanup(() => {
    document.removeEventListener('keydown', onKey);
    document.body.classList.remove('panel-open');
  });

  // ---- the curve
  function setToggles() {
    for (const b of [dayButton, weekButton]) b.setAttribute('aria-pressed', String(b.dataset.by === by));
  }
  for (const b of [dayButton, weekButton]) {
    b.addEventListener('click', () => {
      if (by === b.dataset.by) return;
      by = b.dataset.by;
      setToggles();
      loadHistory();
    });
  }
  setToggles();

  async function draw() {
    const points = history.points || [];
    let echarts;
    try {
      echarts = await loadECharts();
    } catch (error) {
      fill(chartBox, h('p', { class: 'error-text' }, '图表库未能加载。'));
      showError(error);
      return;
    }
    if (ctx.signal.aborted) return;
    if (!chart) {
      chart = chartOn(echarts, chartBox);
      ctx.onCleanup(() => chart.dispose());
    }
    const narrow = chartBox.clientWidth < 560;
    chart.chart.setOption({
      animationDuration: 300,
      color: [COLORS.rate, COLORS.benchmark],
      grid: { left: 44, right: 16, top: 36, bottom: narrow ? 56 : 64, containLabel: false },
      legend: { top: 0, data: ['累计执行率', '序时进度'] },
      tooltip: {
        trigger: 'axis',
        confine: true,
        formatter(params) {
          const p = points[params[0]?.dataIndex];
          if (!p) return '';
          return [`<strong>${escapeHtml(p.date)}</strong>`,
            `累计执行数：${escapeHtml(amount(p.executed))} 万元`,
            `全年预算数：${escapeHtml(amount(p.fullYear))} 万元`,
            `累计执行率：${escapeHtml(rate(p.rate))}`,
            `序时进度：${escapeHtml(rate(p.benchmark))}`,
            `状态：${escapeHtml(STATUS[p.status] || p.status || DASH)}`].join('<br>');
        },
      },
      xAxis: { type: 'category', boundaryGap: false, data: points.map((p) => p.date) },
      yAxis: { type: 'value', min: 0, max: (v) => Math.max(100, Math.ceil(v.max / 10) * 10), axisLabel: { formatter: '{value}%' } },
      dataZoom: [{ type: 'inside' }, { type: 'slider', height: 16, bottom: 8 }],
      series: [
        { name: '累计执行率', type: 'line', showSymbol: points.length < 60, symbolSize: 5, data: points.map((p) => Number(p.rate)), areaStyle: { opacity: 0.08 }, lineStyle: { width: 2 } },
        { name: '序时进度', type: 'line', showSymbol: false, data: points.map((p) => Number(p.benchmark)), lineStyle: { type: 'dashed', width: 2 } },
      ],
    }, { notMerge: false, lazyUpdate: false });
    const last = points[points.length - 1];
    chartBox.setAttribute('aria-label', last
      ? `累计执行率与序时进度曲线（${by === 'WEEK' ? '按周' : '按日'}，${points.length} 个点）：截至 ${last.date} 累计执行率 ${rate(last.rate)}，序时进度 ${rate(last.benchmark)}`
      : '累计执行率与序时进度曲线：没有数据');
    chartBox.dataset.points = String(points.length);
    chartBox.dataset.by = by;
    chartBox.dataset.lastDate = last ? last.date : '';
    chartBox.dataset.lastRate = last ? last.rate : '';
    chartBox.dataset.lastExecuted = last ? last.executed : '';
  }

  let historySeq = 0;
  const loadHistory = singleFlight(async () => {
    const seq = ++historySeq;
    try {
      const answer = await scoring(`/projects/${encodeURIComponent(projectId)}/execution/history`, { by, asOf }, { signal: ctx.signal });
      if (seq !== historySeq) return;
      history = answer;
      renderHead();
      await draw();
    } catch (error) {
      if (error.name !== 'AbortError') fill(chartBox, h('p', { class: 'error-text' }, '未能加载执行进度。'));
      // an unknown project is said once, by the form
      if (error.status !== 404) showError(error, '执行进度');
    }
  });

  function showForm(next) {
    form = next;
    renderHead();
    renderFunds();
    renderForm();
    if (openFigure && !panel.hidden) openPanel(openFigure, { focus: false });
  }

  async function loadForm() {
    try {
      showForm(await scoring(`/projects/${encodeURIComponent(projectId)}/form`, { asOf }, { signal: ctx.signal }));
      if (!asOf) live();
      else livePaused(true);
    } catch (error) {
      fill(formTable, h('tbody', null, h('tr', null, h('td', null, error.status === 404 ? '没有这个项目，或您无权查看。' : '未能加载自评表。'))));
      if (error.status === 404) {
        fill(title, '项目不存在');
        // nothing else to show: no curve, no sources, no form
        for (const el of main.querySelectorAll('.project-grid, .form-card, .kpis, .meta')) el.hidden = true;
        main.querySelector('.project-head').after(h('p', { class: 'empty', id: 'project-missing' }, '没有这个项目，或您无权查看。', h('a', { href: '#/' }, '回到总览')));
      }
      showError(error, '自评表');
    }
  }

  // ---- live: the whole form on every change, coalesced; the curve refetched
  function live() {
    const coalescer = new Coalescer((batch) => {
      const next = batch.get('form');
      if (!next) return;
      // the stream starts with the form as it is now: nothing to redo when it is the one shown
      const same = (a, b) => JSON.stringify({ ...a, knownAt: null }) === JSON.stringify({ ...b, knownAt: null });
      if (form && same(form, next)) return;
      explainPromise = null;
      showForm(next);
      loadHistory();
    }, 300);
    ctx.onCleanup(() => coalescer.cancel());
    ctx.onCleanup(openStream(`/api/scoring/projects/${encodeURIComponent(projectId)}/form/stream`, {
      form: (next) => coalescer.push('form', next),
    }));
  }

  renderHead();
  fill(formTable, h('tbody', null, h('tr', null, h('td', null, '加载中…'))));
  loadForm();
  loadHistory();
}
