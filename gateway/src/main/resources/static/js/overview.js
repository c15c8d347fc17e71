// 总览: every visible project-year against 序时进度, filtered, sorted and paged by the server, updated live.
import { h, fill, flash, morph, setOptions } from './dom.js';
import { scoring } from './api.js';
import { amount, rate, points, text, count, STATUS, SOURCES, DASH, today } from './format.js';
import { openStream, Coalescer, singleFlight } from './live.js';
import { showError, notify, livePaused } from './ui.js';
import { replaceQuery } from './router.js';
import { preloadECharts } from './charts.js';

const PAGE_SIZE = 100;
const DEFAULTS = { department: '', unit: '', year: '', status: '', lagging: '', q: '', asOf: '', sort: 'GAP', direction: 'ASC', page: '0' };
let painted = false; // performance.mark('overview-rendered') once per load of the app

export function projectHref(projectId, asOf) {
  return `#/projects/${encodeURIComponent(projectId)}${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`;
}

export function badge(status) {
  if (!status) return h('span', { class: 'badge badge-none' }, DASH);
  return h('span', { class: ['badge', `badge-${status}`], dataset: { status } }, STATUS[status] || status);
}

function sourceRate(line, source) {
  const found = (line.sources || []).find((s) => s.source === source.code);
  if (!found) return { value: DASH, title: `无${source.label}` };
  return { value: rate(found.rate), title: `${source.label}：全年预算数 ${amount(found.fullYear)} 万元，全年执行数 ${amount(found.executed)} 万元` };
}

function meter(line) {
  const r = Math.max(0, Math.min(100, Number(line.rate) || 0));
  const b = Math.max(0, Math.min(100, Number(line.benchmark) || 0));
  return h('span', { class: 'meter', 'aria-hidden': 'true' },
    h('span', { class: 'meter-fill', style: { width: `${r}%` } }),
    h('span', { class: 'meter-mark', style: { left: `${b}%` } }));
}

const COLUMNS = [
  // the code under the name: one column, two sort buttons (项目名称, 编码)
  { key: 'name', label: '项目名称', sort: 'NAME', also: { sort: 'PROJECT', label: '编码' },
    cell: (l, asOf) => [h('a', { href: projectHref(l.projectId, asOf) }, text(l.name)), h('span', { class: 'project-code' }, text(l.projectId))] },
  { key: 'department', label: '主管部门', sort: 'DEPARTMENT', cell: (l) => text(l.department) },
  { key: 'unit', label: '实施单位', sort: 'UNIT', cell: (l) => text(l.implementingUnit) },
  { key: 'year', label: '年度', sort: 'YEAR', num: true, cell: (l) => text(l.fiscalYear) },
  { key: 'full-year', label: '全年预算数', note: '万元', sort: 'FULL_YEAR', num: true, cell: (l) => amount(l.fullYear) },
  { key: 'executed', label: '全年执行数', note: '万元', sort: 'EXECUTED', num: true, cell: (l) => amount(l.executed) },
  { key: 'rate', group: '执行率', label: '合计', sort: 'RATE', num: true, cell: (l) => [h('span', { class: 'rate-value' }, rate(l.rate)), meter(l)] },
  ...SOURCES.map((s) => ({ key: s.cls, group: '执行率', label: s.short, num: true, source: s })),
  { key: 'benchmark', label: '序时进度', sort: 'BENCHMARK', num: true, cell: (l) => rate(l.benchmark) },
  { key: 'gap', label: '偏差', note: '百分点', sort: 'GAP', num: true, cell: (l) => points(l.gap) },
  { key: 'status', label: '状态', sort: 'STATUS', cell: (l) => badge(l.status) },
  { key: 'lagging-since', label: '滞后起始', sort: 'LAGGING_SINCE', cell: (l) => text(l.laggingSince) },
  { key: 'score', label: '总分', sort: 'SCORE', num: true, cell: (l) => text(l.total) },
  { key: 'grade', label: '评分等级', sort: 'GRADE', cell: (l) => text(l.grade) },
  { key: 'missing', label: '缺报指标', sort: 'MISSING', num: true, cell: (l) => String((l.missingActuals || []).length) },
];

/** One monitoring line as a table row: tr[data-project-id] with a td per column, classed by the column. */
export function lineRow(line, asOf) {
  const cells = COLUMNS.map((col) => {
    if (col.source) {
      const { value, title } = sourceRate(line, col.source);
      return h('td', { class: [col.key, 'num'], title }, value);
    }
    const td = h('td', { class: [col.key, col.num && 'num'] }, col.cell(line, asOf));
    if (col.key === 'status' && line.status) td.dataset.status = line.status;
    if (col.key === 'gap' && String(line.gap ?? '').startsWith('-')) td.classList.add('negative');
    if (col.key === 'missing') {
      const missing = line.missingActuals || [];
      if (missing.length) {
        td.classList.add('has-missing');
        td.title = `缺报实际完成值${line.goalCheckpoint ? `（检查点 ${line.goalCheckpoint}）` : ''}：${missing.map((m) => m.name || m.indicatorId).join('、')}`;
      }
    }
    return td;
  });
  // status-RED for the style; status-red (and lagging) for whoever reads the class in lower case
  const classes = line.status ? [`status-${line.status}`, `status-${line.status.toLowerCase()}`, line.status === 'RED' && 'lagging'] : null;
  return h('tr', { class: classes, dataset: { projectId: line.projectId, status: line.status || '' } }, cells);
}

function headerRows(state, onSort) {
  const sortButton = (col) => {
    const active = state.sort === col.sort;
    const arrow = active ? (state.direction === 'DESC' ? '▼' : '▲') : '↕';
    return h('button', {
      type: 'button', class: ['sort', active && 'active'], dataset: { sort: col.sort },
      title: `按${col.group ? col.group + col.label : col.label}排序`, on: { click: () => onSort(col.sort) },
    }, h('span', { class: 'sort-label' }, col.label, col.note ? h('span', { class: 'th-note' }, `（${col.note}）`) : null),
    h('span', { class: 'sort-icon', 'aria-hidden': 'true' }, arrow));
  };
  const th = (col, attrs) => {
    const sorted = col.sort && (state.sort === col.sort || (col.also && state.sort === col.also.sort));
    return h('th', {
      scope: 'col', class: [col.key, col.num && 'num'], ...attrs,
      'aria-sort': col.sort ? (sorted ? (state.direction === 'DESC' ? 'descending' : 'ascending') : 'none') : null,
    }, col.sort ? [sortButton(col), col.also ? [' / ', sortButton({ ...col.also, key: col.key })] : null]
      : [col.label, col.note ? h('span', { class: 'th-note' }, `（${col.note}）`) : null]);
  };
  const first = [];
  const second = [];
  for (const col of COLUMNS) {
    if (!col.group) first.push(th(col, { rowspan: '2' }));
    else {
      if (!first.some((c) => c.dataset && c.dataset.group === col.group)) {
        first.push(h('th', { scope: 'colgroup', colspan: String(COLUMNS.filter((c) => c.group === col.group).length), class: 'group', dataset: { group: col.group } }, col.group));
      }
      second.push(th(col));
    }
  }
  return [h('tr', null, first), h('tr', null, second)];
}

function totalsRow(group, onDepartment, selected) {
  const cell = (key, value, num) => h('td', { class: [key, num && 'num'] }, value);
  return h('tr', { class: [group.status && `status-${group.status}`, selected && 'selected'], dataset: { department: group.department, year: group.fiscalYear ?? '' } },
    h('th', { scope: 'row', class: 'department' },
      h('button', { type: 'button', class: 'link-button', title: `只看${group.department}`, on: { click: () => onDepartment(group.department) } }, text(group.department))),
    cell('year', text(group.fiscalYear), true),
    cell('count', count(group.projectYears), true),
    cell('full-year', amount(group.fullYear), true),
    cell('executed', amount(group.executed), true),
    cell('rate', rate(group.rate), true),
    cell('benchmark', rate(group.benchmark), true),
    cell('gap', points(group.gap), true),
    h('td', { class: 'status', dataset: { status: group.status || '' } }, badge(group.status)),
    cell('green', count(group.green), true),
    cell('yellow', count(group.yellow), true),
    cell('red', count(group.red), true));
}

export function mount(main, { query, ctx, setTitle }) {
  setTitle('总览');
  const state = { ...DEFAULTS };
  for (const name of Object.keys(DEFAULTS)) if (query.has(name)) state[name] = query.get(name);
  if (!['ASC', 'DESC'].includes(state.direction)) state.direction = 'ASC';
  let serverToday = null; // the server's today, from an answer without asOf
  let rowsById = new Map();
  let pageSeq = 0;
  let totalsSeq = 0;
  let offPage = 0;

  // ---- skeleton
  const control = (label, input, cls) => h('label', { class: ['field', cls] }, h('span', { class: 'field-label' }, label), input);
  const department = h('select', { name: 'department' });
  const unit = h('select', { name: 'unit' });
  const year = h('select', { name: 'year' });
  const status = h('select', { name: 'status' });
  setOptions(status, [['', '全部'], ['GREEN', '正常'], ['YELLOW', '预警'], ['RED', '滞后']], state.status);
  const lagging = h('input', { type: 'checkbox', name: 'lagging' });
  lagging.checked = state.lagging === 'true';
  const search = h('input', { type: 'search', name: 'q', placeholder: '项目名称或编码', autocomplete: 'off', enterkeyhint: 'search' });
  search.value = state.q;
  const asOf = h('input', { type: 'date', name: 'asOf' });
  asOf.value = state.asOf || today();
  const reset = h('button', { type: 'button', class: 'secondary' }, '清除筛选');
  const form = h('form', { id: 'overview-filters', class: 'filters', role: 'search', 'aria-label': '筛选项目', on: { submit: (e) => e.preventDefault() } },
    control('主管部门', department), control('实施单位', unit), control('年度', year, 'narrow'), control('状态', status, 'narrow'),
    h('label', { class: 'field check' }, lagging, h('span', null, '仅看滞后')),
    control('搜索', search, 'wide'), control('截至日期', asOf, 'date'), h('div', { class: 'field actions' }, reset));

  // on a phone only the search shows until 更多筛选 opens the rest
  const moreFilters = h('button', { type: 'button', class: 'secondary filters-toggle', 'aria-expanded': 'false', 'aria-controls': 'overview-filters' }, '更多筛选');
  moreFilters.addEventListener('click', () => {
    const open = form.dataset.collapsed === 'true';
    form.dataset.collapsed = String(!open);
    moreFilters.setAttribute('aria-expanded', String(open));
    fill(moreFilters, open ? '收起筛选' : '更多筛选');
  });
  form.dataset.collapsed = 'true';
  form.appendChild(h('div', { class: 'field toggle-field' }, moreFilters));
  const subtitle = h('p', { class: 'subtitle', id: 'overview-summary' }, '加载中…');
  const table = h('table', { id: 'overview-table', class: 'data-table overview', dataset: { ready: 'false' }, 'aria-describedby': 'overview-summary' },
    h('caption', { class: 'visually-hidden' }, '项目执行情况（点击列标题排序）'), h('thead'), h('tbody'));
  const tbody = table.tBodies[0];
  fill(tbody, h('tr', { class: 'placeholder' }, h('td', { colspan: String(COLUMNS.length) }, '加载中…')));
  const pager = h('nav', { class: 'pager', 'aria-label': '分页' });
  const updates = h('p', { class: 'updates', id: 'overview-updates', hidden: true, 'aria-live': 'polite' });
  const totalsTable = h('table', { id: 'department-totals', class: 'data-table totals', dataset: { ready: 'false' } },
    h('caption', { class: 'visually-hidden' }, '各主管部门合计'),
    h('thead', null, h('tr', null, ...[
      ['department', '主管部门'], ['year', '年度'], ['count', '项目数'], ['full-year', '全年预算数（万元）'], ['executed', '全年执行数（万元）'],
      ['rate', '执行率'], ['benchmark', '序时进度'], ['gap', '偏差（百分点）'], ['status', '状态'], ['green', '正常'], ['yellow', '预警'], ['red', '滞后'],
    ].map(([cls, label]) => h('th', { scope: 'col', class: cls }, label)))),
    h('tbody', null, h('tr', { class: 'placeholder' }, h('td', { colspan: '12' }, '加载中…'))));

  fill(main, h('section', { class: 'page overview-page' },
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, '总览'), subtitle, updates),
    form,
    h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': '项目执行情况表' }, table),
    pager,
    h('section', { class: 'card', 'aria-labelledby': 'totals-heading' },
      h('h2', { id: 'totals-heading' }, '部门合计'),
      h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': '部门合计表' }, totalsTable))));

  const liveApplies = () => !state.asOf || state.asOf === (serverToday || today());

  function saveState() {
    const saved = {};
    for (const [k, v] of Object.entries(state)) if (v !== DEFAULTS[k]) saved[k] = v;
    replaceQuery('/', saved);
  }

  function setHeader() {
    fill(table.tHead, ...headerRows(state, (key) => {
      if (state.sort === key) state.direction = state.direction === 'ASC' ? 'DESC' : 'ASC';
      else {
        state.sort = key;
        state.direction = 'ASC';
      }
      state.page = '0';
      setHeader();
      table.tHead.querySelector(`button[data-sort="${key}"]`)?.focus();
      loadPage();
    }));
  }

  // ---- the page of lines
  async function loadPage() {
    saveState();
    const seq = ++pageSeq;
    table.dataset.ready = 'false';
    table.setAttribute('aria-busy', 'true');
    try {
      const answer = await scoring('/monitoring', {
        asOf: state.asOf, department: state.department, unit: state.unit, year: state.year, status: state.status,
        lagging: state.lagging === 'true' ? 'true' : '', q: state.q.trim(), sort: state.sort, direction: state.direction,
        page: state.page, size: PAGE_SIZE,
      }, { signal: ctx.signal });
      if (seq !== pageSeq) return;
      if (!state.asOf && answer.asOf) {
        serverToday = answer.asOf;
        asOf.value = answer.asOf;
      }
      renderPage(answer);
    } catch (error) {
      if (seq !== pageSeq) return;
      table.removeAttribute('aria-busy');
      fill(tbody, h('tr', { class: 'placeholder' }, h('td', { colspan: String(COLUMNS.length) }, '未能加载项目列表。')));
      fill(subtitle, '未能加载');
      showError(error, '项目列表');
    }
  }

  function renderPage(answer) {
    const lines = answer.lines || [];
    const linkAsOf = liveApplies() ? '' : state.asOf;
    rowsById = new Map();
    const fragment = document.createDocumentFragment();
    for (const line of lines) {
      const tr = lineRow(line, linkAsOf);
      rowsById.set(line.projectId, tr);
      fragment.appendChild(tr);
    }
    if (!lines.length) fragment.appendChild(h('tr', { class: 'placeholder' }, h('td', { colspan: String(COLUMNS.length) }, '没有符合条件的项目。')));
    tbody.replaceChildren(fragment);
    offPage = 0;
    updates.hidden = true;
    const total = answer.total ?? lines.length;
    const page = answer.page ?? Number(state.page);
    const size = answer.size ?? PAGE_SIZE;
    fill(subtitle, `截至 ${answer.asOf || state.asOf || today()} · 共 ${count(total)} 个项目年度`,
      liveApplies() ? '' : ' · 非今日数据，不接收实时更新');
    renderPager(total, page, size, lines.length);
    table.removeAttribute('aria-busy');
    table.dataset.ready = 'true';
    table.dataset.total = String(total);
    if (!painted) {
      painted = true;
      requestAnimationFrame(() => setTimeout(() => {
        performance.mark('overview-rendered');
        preloadECharts();
      }, 0));
    }
    livePaused(!liveApplies());
  }

  function renderPager(total, page, size, shown) {
    const pages = Math.max(1, Math.ceil(total / size));
    const go = (p) => () => {
      state.page = String(p);
      loadPage().then(() => table.scrollIntoView({ block: 'start', behavior: 'instant' }));
    };
    const button = (label, p, disabled, rel) => h('button', { type: 'button', class: 'secondary', disabled, dataset: { page: String(p), rel }, on: { click: go(p) } }, label);
    const from = total === 0 ? 0 : page * size + 1;
    const to = page * size + shown;
    fill(pager,
      h('span', { class: 'pager-count', 'aria-live': 'polite' }, `第 ${count(from)}–${count(to)} 条，共 ${count(total)} 条（第 ${page + 1} / ${pages} 页）`),
      h('span', { class: 'pager-buttons' },
        button('首页', 0, page <= 0, 'first'), button('上一页', page - 1, page <= 0, 'prev'),
        button('下一页', page + 1, page >= pages - 1, 'next'), button('末页', pages - 1, page >= pages - 1, 'last')));
  }

  // ---- department totals and the filter's choices
  const loadTotals = singleFlight(async () => {
    const seq = ++totalsSeq;
    try {
      const answer = await scoring('/monitoring/departments', { asOf: state.asOf, year: state.year, by: 'DEPARTMENT' }, { signal: ctx.signal });
      if (seq !== totalsSeq) return;
      const groups = answer.groups || [];
      const body = totalsTable.tBodies[0];
      if (!groups.length) fill(body, h('tr', { class: 'placeholder' }, h('td', { colspan: '12' }, '没有数据。')));
      else {
        const previous = new Map([...body.rows].map((r) => [`${r.dataset.department}|${r.dataset.year}`, r.textContent]));
        const rows = groups.map((g) => totalsRow(g, chooseDepartment, g.department === state.department));
        body.replaceChildren(...rows);
        flash(rows.filter((row) => {
          const before = previous.get(`${row.dataset.department}|${row.dataset.year}`);
          return before !== undefined && before !== row.textContent;
        }));
      }
      totalsTable.dataset.ready = 'true';
    } catch (error) {
      showError(error, '部门合计');
    }
  });

  async function loadChoices() {
    try {
      const answer = await scoring('/monitoring/departments', { asOf: state.asOf, by: 'UNIT' }, { signal: ctx.signal });
      const groups = answer.groups || [];
      choices = groups;
      renderChoices();
    } catch (error) {
      showError(error, '筛选选项');
    }
  }
  let choices = [];
  function renderChoices() {
    const sorted = (values) => [...new Set(values.filter((v) => v !== null && v !== undefined && v !== ''))].sort((a, b) => String(a).localeCompare(String(b), 'zh-CN'));
    setOptions(department, [['', '全部'], ...sorted(choices.map((g) => g.department)).map((d) => [d, d])], state.department);
    const units = sorted(choices.filter((g) => !state.department || g.department === state.department).map((g) => g.unit));
    setOptions(unit, [['', '全部'], ...units.map((u) => [u, u])], state.unit);
    const years = [...new Set(choices.map((g) => g.fiscalYear).filter(Boolean))].sort((a, b) => b - a);
    setOptions(year, [['', '全部'], ...years.map((y) => [String(y), String(y)])], state.year);
  }

  function chooseDepartment(name) {
    state.department = state.department === name ? '' : name;
    state.unit = '';
    state.page = '0';
    renderChoices();
    loadPage();
    loadTotals();
    department.focus();
  }

  // ---- filters
  const changed = (name, value, { totals = false } = {}) => {
    state[name] = value;
    state.page = '0';
    loadPage();
    if (totals) loadTotals();
  };
  department.addEventListener('change', () => {
    state.unit = '';
    state.department = department.value;
    renderChoices();
    changed('department', department.value, { totals: true });
  });
  unit.addEventListener('change', () => changed('unit', unit.value));
  year.addEventListener('change', () => changed('year', year.value, { totals: true }));
  status.addEventListener('change', () => changed('status', status.value));
  lagging.addEventListener('change', () => changed('lagging', lagging.checked ? 'true' : ''));
  let typing = null;
  search.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => changed('q', search.value), 300);
  });
  search.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      clearTimeout(typing);
      changed('q', search.value);
    }
  });
  asOf.addEventListener('change', () => {
    const value = asOf.value;
    const isToday = !value || value === (serverToday || today());
    changed('asOf', isToday ? '' : value, { totals: true });
    if (!value) asOf.value = serverToday || today();
    livePaused(!isToday);
  });
  reset.addEventListener('click', () => {
    Object.assign(state, { ...DEFAULTS, sort: state.sort, direction: state.direction });
    search.value = '';
    lagging.checked = false;
    status.value = '';
    asOf.value = serverToday || today();
    renderChoices();
    loadPage();
    loadTotals();
  });

  // ---- live: lines coalesced by project, applied together in one frame
  const coalescer = new Coalescer((batch) => {
    if (!liveApplies()) return;
    let applied = 0;
    const changed = [];
    for (const line of batch.values()) {
      const tr = rowsById.get(line.projectId);
      if (tr) {
        const before = tr.textContent;
        morph(tr, lineRow(line, ''));
        if (tr.textContent !== before) changed.push(tr);
        applied++;
      } else offPage++;
    }
    flash(changed);
    table.dataset.liveUpdates = String(Number(table.dataset.liveUpdates || 0) + applied);
    if (offPage > 0) {
      updates.hidden = false;
      fill(updates, `另有 ${count(offPage)} 个项目年度有更新，排序可能已变化。`,
        h('button', { type: 'button', class: 'link-button', on: { click: () => loadPage() } }, '刷新列表'));
    }
    loadTotals();
  }, 300);
  ctx.onCleanup(() => coalescer.cancel());

  const close = openStream('/api/scoring/forms/stream', {
    line: (line) => {
      if (line && line.projectId && liveApplies()) coalescer.push(line.projectId, line);
    },
    status: (change) => {
      const name = change.name || change.projectId;
      const to = STATUS[change.to] || change.to;
      const from = STATUS[change.from] || change.from;
      const level = change.to === 'RED' ? 'error' : change.to === 'YELLOW' ? 'warning' : 'ok';
      notify(`「${name}」${from ? `由${from}` : ''}转为${to}${change.gap ? `（偏差 ${change.gap} 个百分点）` : ''}`,
        { href: projectHref(change.projectId), level });
    },
  });
  ctx.onCleanup(close);
  ctx.onCleanup(() => clearTimeout(typing));

  setHeader();
  renderChoices();
  loadChoices();
  loadPage();
  loadTotals();
}
