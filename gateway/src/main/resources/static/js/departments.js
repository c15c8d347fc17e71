// 部门对比: 执行率 against 序时进度 per 主管部门 or per 实施单位, as a bar chart and a table.
import { h, fill, setOptions } from './dom.js';
import { scoring } from './api.js';
import { amount, rate, points, text, count, today, STATUS, DASH } from './format.js';
import { showError } from './ui.js';
import { replaceQuery } from './router.js';
import { loadECharts, chartOn, escapeHtml, COLORS } from './charts.js';
import { badge } from './overview.js';

const knownYears = new Set();

export function mount(main, { query, ctx, setTitle }) {
  setTitle('部门对比');
  const state = {
    by: query.get('by') === 'UNIT' ? 'UNIT' : 'DEPARTMENT',
    year: query.get('year') || '',
    asOf: query.get('asOf') || '',
  };
  let serverToday = null;
  let chart = null;
  let seq = 0;

  const byDepartment = h('button', { type: 'button', class: 'toggle', dataset: { by: 'DEPARTMENT' } }, '按部门');
  const byUnit = h('button', { type: 'button', class: 'toggle', dataset: { by: 'UNIT' } }, '按实施单位');
  const year = h('select', { name: 'year' });
  const asOf = h('input', { type: 'date', name: 'asOf' });
  asOf.value = state.asOf || today();
  const subtitle = h('p', { class: 'subtitle', id: 'departments-summary' }, '加载中…');
  const chartBox = h('div', { id: 'department-chart', class: 'chart bars', role: 'img', 'aria-label': '各部门执行率与序时进度柱状图' });
  const table = h('table', { id: 'department-table', class: 'data-table departments', dataset: { ready: 'false' } });

  fill(main, h('section', { class: 'page departments-page' },
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, '部门对比'), subtitle),
    h('form', { class: 'filters', 'aria-label': '对比条件', on: { submit: (e) => e.preventDefault() } },
      h('div', { class: 'field' }, h('span', { class: 'field-label', id: 'by-label' }, '对比对象'),
        h('div', { class: 'toggles', role: 'group', 'aria-labelledby': 'by-label' }, byDepartment, byUnit)),
      h('label', { class: 'field narrow' }, h('span', { class: 'field-label' }, '年度'), year),
      h('label', { class: 'field date' }, h('span', { class: 'field-label' }, '截至日期'), asOf)),
    h('section', { class: 'card', 'aria-labelledby': 'bars-heading' },
      h('div', { class: 'card-head' }, h('h2', { id: 'bars-heading' }, '执行率与序时进度'),
        h('p', { class: 'legend-note' }, '执行率柱的颜色：', h('span', { class: 'swatch GREEN' }), '正常 ', h('span', { class: 'swatch YELLOW' }), '预警 ', h('span', { class: 'swatch RED' }), '滞后')),
      chartBox),
    h('section', { class: 'card', 'aria-labelledby': 'table-heading' },
      h('h2', { id: 'table-heading' }, '明细'),
      h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': '部门对比表' }, table))));

  function renderYears() {
    const years = [...knownYears].sort((a, b) => b - a).map((y) => [String(y), String(y)]);
    setOptions(year, [['', '全部年度'], ...years], state.year);
  }

  function setToggles() {
    for (const b of [byDepartment, byUnit]) b.setAttribute('aria-pressed', String(b.dataset.by === state.by));
  }

  const label = (g, manyYears) => {
    const name = state.by === 'UNIT' ? (g.unit || g.department) : g.department;
    return manyYears ? `${name}（${g.fiscalYear}）` : String(name ?? DASH);
  };

  async function load() {
    replaceQuery('/departments', { by: state.by === 'DEPARTMENT' ? '' : state.by, year: state.year, asOf: state.asOf });
    const mine = ++seq;
    table.dataset.ready = 'false';
    chartBox.dataset.ready = 'false';
    try {
      const answer = await scoring('/monitoring/departments', { asOf: state.asOf, year: state.year, by: state.by }, { signal: ctx.signal });
      if (mine !== seq) return;
      if (!state.asOf && answer.asOf) {
        serverToday = answer.asOf;
        asOf.value = answer.asOf;
      }
      const groups = answer.groups || [];
      for (const g of groups) if (g.fiscalYear) knownYears.add(g.fiscalYear);
      renderYears();
      const manyYears = new Set(groups.map((g) => g.fiscalYear)).size > 1;
      fill(subtitle, `截至 ${answer.asOf || state.asOf || today()} · ${state.by === 'UNIT' ? '实施单位' : '主管部门'} ${count(groups.length)} 个`);
      renderTable(groups, manyYears);
      await draw(groups, manyYears);
    } catch (error) {
      if (mine !== seq) return;
      fill(subtitle, '未能加载');
      showError(error, '部门对比');
    }
  }

  function renderTable(groups, manyYears) {
    const unit = state.by === 'UNIT';
    const heads = [['department', '主管部门'], unit ? ['unit', '实施单位'] : null, ['year', '年度'], ['count', '项目数'],
      ['full-year', '全年预算数（万元）'], ['executed', '全年执行数（万元）'], ['rate', '执行率'], ['benchmark', '序时进度'],
      ['gap', '偏差（百分点）'], ['status', '状态'], ['green', '正常'], ['yellow', '预警'], ['red', '滞后']].filter(Boolean);
    const num = new Set(['year', 'count', 'full-year', 'executed', 'rate', 'benchmark', 'gap', 'green', 'yellow', 'red']);
    const rows = groups.map((g) => {
      const overview = `#/?${new URLSearchParams(Object.entries({ department: g.department, unit: unit ? g.unit || '' : '', year: g.fiscalYear || '', asOf: state.asOf })
        .filter(([, v]) => v !== '' && v !== null && v !== undefined)).toString()}`;
      const values = {
        department: unit ? text(g.department) : h('a', { href: overview, title: '在总览中查看这些项目' }, text(g.department)),
        unit: h('a', { href: overview, title: '在总览中查看这些项目' }, text(g.unit)),
        year: text(g.fiscalYear), count: count(g.projectYears), 'full-year': amount(g.fullYear), executed: amount(g.executed),
        rate: rate(g.rate), benchmark: rate(g.benchmark), gap: points(g.gap), status: badge(g.status),
        green: count(g.green), yellow: count(g.yellow), red: count(g.red),
      };
      return h('tr', { class: g.status ? `status-${g.status}` : null, dataset: { department: g.department, unit: g.unit || '', year: g.fiscalYear ?? '' } },
        heads.map(([key], i) => (i === 0 ? h('th', { scope: 'row', class: key }, values[key]) : h('td', { class: [key, num.has(key) && 'num'] }, values[key]))));
    });
    if (!rows.length) rows.push(h('tr', { class: 'placeholder' }, h('td', { colspan: String(heads.length) }, '没有数据。')));
    fill(table, h('caption', { class: 'visually-hidden' }, '执行率与序时进度对比'),
      h('thead', null, h('tr', null, heads.map(([key, l]) => h('th', { scope: 'col', class: [key, num.has(key) && 'num'] }, l)))),
      h('tbody', null, rows));
    table.dataset.ready = 'true';
  }

  async function draw(groups, manyYears) {
    let echarts;
    try {
      echarts = await loadECharts();
    } catch (error) {
      fill(chartBox, h('p', { class: 'error-text' }, '图表库未能加载。'));
      showError(error);
      return;
    }
    if (ctx.signal.aborted) return;
    // horizontal bars: long Chinese names stay readable, on a phone too; the most lagging on top
    const ordered = [...groups].reverse();
    const names = ordered.map((g) => (manyYears ? `${label(g, false)}\n${g.fiscalYear} 年度` : label(g, false)));
    const height = Math.max(240, 70 + ordered.length * 56);
    chartBox.style.height = `${height}px`;
    if (!chart) {
      chart = chartOn(echarts, chartBox);
      ctx.onCleanup(() => chart.dispose());
    }
    chart.chart.resize();
    const narrow = chartBox.clientWidth < 560;
    chart.chart.setOption({
      animationDuration: 300,
      color: [COLORS.rate, COLORS.benchmark],
      legend: { top: 0, data: ['执行率', '序时进度'] },
      grid: { left: 8, right: 48, top: 32, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        confine: true,
        formatter(params) {
          const g = ordered[params[0]?.dataIndex];
          if (!g) return '';
          return [`<strong>${escapeHtml(label(g, manyYears))}</strong>`,
            state.by === 'UNIT' ? `主管部门：${escapeHtml(g.department)}` : null,
            `执行率：${escapeHtml(rate(g.rate))}`, `序时进度：${escapeHtml(rate(g.benchmark))}`,
            `偏差：${escapeHtml(points(g.gap))} 个百分点`, `状态：${escapeHtml(STATUS[g.status] || g.status || DASH)}`,
            `全年执行数 / 预算数：${escapeHtml(amount(g.executed))} / ${escapeHtml(amount(g.fullYear))} 万元`,
            `项目：${escapeHtml(g.projectYears)}（正常 ${escapeHtml(g.green)}，预警 ${escapeHtml(g.yellow)}，滞后 ${escapeHtml(g.red)}）`]
            .filter(Boolean).join('<br>');
        },
      },
      xAxis: { type: 'value', min: 0, max: (v) => Math.max(100, Math.ceil(v.max / 10) * 10), axisLabel: { formatter: '{value}%' } },
      yAxis: {
        type: 'category', data: names,
        // long names break onto lines instead of being cut (the year stays visible)
        axisLabel: { width: narrow ? 92 : 220, overflow: 'break', lineHeight: 14 },
      },
      series: [
        {
          name: '执行率', type: 'bar', barMaxWidth: 18,
          data: ordered.map((g) => ({ value: Number(g.rate), itemStyle: { color: COLORS[g.status] || COLORS.rate } })),
          label: { show: true, position: 'right', formatter: (p) => rate(ordered[p.dataIndex].rate), fontSize: 11 },
        },
        {
          name: '序时进度', type: 'bar', barMaxWidth: 18, data: ordered.map((g) => Number(g.benchmark)),
          label: { show: true, position: 'right', formatter: (p) => rate(ordered[p.dataIndex].benchmark), fontSize: 11, color: '#57606a' },
        },
      ],
    }, { notMerge: true });
    chartBox.dataset.points = String(groups.length);
    chartBox.dataset.ready = 'true';
    chartBox.setAttribute('aria-label', `执行率与序时进度柱状图：${groups.map((g) => `${label(g, manyYears)} 执行率 ${rate(g.rate)}，序时进度 ${rate(g.benchmark)}`).join('；')}`);
  }

  for (const b of [byDepartment, byUnit]) {
    b.addEventListener('click', () => {
      if (state.by === b.dataset.by) return;
      state.by = b.dataset.by;
      setToggles();
      load();
    });
  }
  year.addEventListener('change', () => {
    state.year = year.value;
    load();
  });
  asOf.addEventListener('change', () => {
    const value = asOf.value;
    state.asOf = !value || value === (serverToday || today()) ? '' : value;
    if (!value) asOf.value = serverToday || today();
    load();
  });

  setToggles();
  renderYears();
  load();
}
