// 快照: the quarterly snapshots of auditors and admins. Take one (quarter, department, known-at), list them, open
// one (a summary of its frozen forms), compare two (the figures that changed and the events behind them), and
// download each export format while its progress shows.
import { h, fill, flash, setOptions } from './dom.js';
import { scoring, postJson, me, hasRole, SCORING } from './api.js';
import { amount, rate, text, count, cents, fromCents, dateTime, today, EVENT_TYPES, PROJECT_STATUS, flagLabel, DASH } from './format.js';
import { showError, notify } from './ui.js';
import { replaceQuery } from './router.js';

const PATH = '/snapshots';
const PAGE_SIZE = 50;
const QUARTERS_OFFERED = 8; // the last quarters that are over, besides those of the fiscal years on record
const POLL_MS = 500;
const POLL_GIVE_UP_MS = 20000; // no export entry of ours after this long: the download goes on without progress
const CLOCK_SKEW_MS = 5000; // an export entry started this long before the click still counts as the click's
const FORMS_STEP = 100;
const CHANGES_STEP = 50;

export const FORMATS = [
  // name: the file's name after the snapshot id, as the server's Content-Disposition gives it
  { key: 'xlsx', label: 'XLSX', file: 'export.xlsx', name: '.xlsx', title: '自评表（Excel，官方格式）' },
  { key: 'pdf', label: 'PDF', file: 'export.pdf', name: '.pdf', title: '自评表（PDF，官方格式）' },
  { key: 'csv', label: 'CSV', file: 'yitihua.csv', name: '-yitihua.csv', title: '预算管理一体化数据（CSV）' },
  { key: 'json', label: 'JSON', file: 'yitihua.json', name: '-yitihua.json', title: '预算管理一体化数据（JSON）' },
];

const TAKE_ERRORS = {
  'quarter-not-over': '该季度尚未结束：快照只能冻结已经结束的季度。',
  'known-at-in-future': '「数据截至」晚于当前时间：请选择已经过去的时间，或留空按当前已知的数据生成。',
  'unknown-department': '没有这个主管部门，或它不在您的权限范围内。',
  'role-not-allowed': '您没有生成快照的权限（仅限审计人员和管理员）。',
  'csrf-token-missing': '会话的安全令牌缺失，请刷新页面后重试。',
  'invalid-input': '输入有误。',
};

const CHANGE_KINDS = { ADDED: '新增', REMOVED: '移除', CHANGED: '变化' };
const STREAMS = { budget: '预算', indicator: '指标' };
const MORE_EVENT_TYPES = {
  IndicatorDefined: '指标设定',
  IndicatorTargetChanged: '指标值调整',
  IndicatorActualRecorded: '实际完成值填报',
  IndicatorBoundToExecutionRate: '指标绑定执行率',
  IndicatorScored: '指标评分',
  AnnualGoalSet: '年度目标设定',
  AnnualGoalAchievementReported: '目标完成情况填报',
  EvaluationFinalised: '评价定稿',
};
const eventLabel = (type) => EVENT_TYPES[type] || MORE_EVENT_TYPES[type] || text(type);

// ---- figure paths of a frozen form (FormFigures on the server) in the form's own words
const FIELDS = {
  total: '总分', grade: '评分等级', status: '项目状态', flags: '提示', name: '项目名称', department: '主管部门',
  implementingUnit: '实施单位', year: '年度', 'goal.expected': '年度总体目标', 'goal.actual': '总体目标完成情况',
  'funds.weight': '资金执行分值', 'funds.score': '资金执行得分', ruleSet: '评分规则', publishedDifferences: '与公开数的差异',
  currency: '币种', amountUnit: '金额单位',
};
const FUND_ROWS = { total: '', currentYearAppropriation: '当年财政拨款', priorYearCarryover: '上年结转资金', otherFunds: '其他资金' };
const FUND_COLUMNS = { initial: '年初预算数', fullYear: '全年预算数', executed: '全年执行数', rate: '执行率' };
const MONEY = new Set(['initial', 'fullYear', 'executed']);
const INDICATOR_COLUMNS = {
  level1: '一级指标', level2: '二级指标', level3: '三级指标', target: '年度指标值', actual: '实际完成值', weight: '分值',
  score: '得分', deviation: '偏差原因分析及改进措施', computedScore: '按规则计算得分', selfAssessedScore: '自评得分',
  reviewedScore: '复核得分', flags: '提示', indicatorId: '指标编号',
};

/** "funds.total.executed" → "全年执行数（万元）"; a path without a known name as it is. */
export function fieldLabel(field) {
  if (!field) return DASH;
  if (FIELDS[field]) return FIELDS[field];
  const parts = String(field).split('.');
  if (parts[0] === 'funds' && parts.length === 3 && parts[1] in FUND_ROWS && FUND_COLUMNS[parts[2]]) {
    const name = (FUND_ROWS[parts[1]] ? `${FUND_ROWS[parts[1]]} ` : '') + FUND_COLUMNS[parts[2]];
    return MONEY.has(parts[2]) ? `${name}（万元）` : name;
  }
  if (parts[0] === 'indicators' && parts.length >= 3) {
    const column = parts[parts.length - 1];
    if (INDICATOR_COLUMNS[column]) return `指标 ${parts.slice(1, -1).join('.')} ${INDICATOR_COLUMNS[column]}`;
  }
  return String(field);
}

function figureValue(field, value) {
  if (value === null || value === undefined) return DASH;
  const parts = String(field).split('.');
  const column = parts[parts.length - 1];
  if (parts[0] === 'funds' && MONEY.has(column)) return amount(value);
  if (parts[0] === 'funds' && column === 'rate') return rate(value);
  if (field === 'status') return PROJECT_STATUS[value] || String(value);
  if (column === 'flags') return value === '' ? '无' : String(value).split(', ').map(flagLabel).join('、');
  return value === '' ? '（空）' : String(value);
}

const DECIMAL = /^-?\d+(\.\d{1,2})?$/;

/** The exact difference of two decimal figures ("+10.00"), or null when either is not one. */
function delta(field, before, after) {
  if (!DECIMAL.test(before ?? '') || !DECIMAL.test(after ?? '') || field === 'year') return null;
  const d = cents(after) - cents(before);
  return (d > 0n ? '+' : '') + fromCents(d);
}

// ---- quarters
function parseQuarter(value) {
  const m = /^(\d{4})-Q([1-4])$/.exec(value || '');
  return m ? { year: Number(m[1]), number: Number(m[2]) } : null;
}
const quarterText = (q) => `${q.year}-Q${q.number}`;
const previousQuarter = (q) => (q.number === 1 ? { year: q.year - 1, number: 4 } : { year: q.year, number: q.number - 1 });
function lastDay(q) {
  const month = q.number * 3;
  const day = new Date(Date.UTC(q.year, month, 0)).getUTCDate();
  return `${q.year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
/** "2023-Q4" → "2023 年第四季度". */
export function quarterLabel(value) {
  const q = parseQuarter(value);
  return q ? `${q.year} 年第${'一二三四'[q.number - 1]}季度` : text(value);
}
/** The quarters that are over (their last day before today in Beijing), newest first: the last few and those of the years given. */
function quartersOver(years) {
  const now = today();
  const current = { year: Number(now.slice(0, 4)), number: Math.floor((Number(now.slice(5, 7)) - 1) / 3) + 1 };
  const out = new Set();
  let q = previousQuarter(current);
  for (let i = 0; i < QUARTERS_OFFERED; i++, q = previousQuarter(q)) out.add(quarterText(q));
  for (const year of years) {
    for (let n = 1; n <= 4; n++) {
      const candidate = { year: Number(year), number: n };
      if (lastDay(candidate) < now) out.add(quarterText(candidate));
    }
  }
  return [...out].sort().reverse();
}

const departmentLabel = (department) => (department ? String(department) : '全部');
const sameDepartment = (a, b) => (a || null) === (b || null);

/** A datetime-local value read as Beijing time: "2024-04-10T00:00" → "2024-04-10T00:00:00+08:00". */
export function knownAtWithOffset(local) {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?$/.exec(local || '');
  return m ? `${m[1]}T${m[2]}:${m[3]}:${m[4] || '00'}${m[5] || ''}+08:00` : null;
}

/** An instant as date and time on two lines (Beijing time), the whole in the title. */
function when(iso) {
  const shown = dateTime(iso);
  if (shown === DASH) return DASH;
  const [date, time] = shown.split(' ');
  return h('span', { class: 'when', title: `${shown}（北京时间）` }, h('span', { class: 'when-date' }, date), time ? h('span', { class: 'when-time' }, time) : null);
}

const shortDigest = (digest) => (digest && digest.length > 16 ? `${digest.slice(0, 8)}…${digest.slice(-4)}` : text(digest));

/** Orders two snapshots as a comparison reads them: the earlier business cut-off, then the earlier known-at, first. */
function chronological(a, b) {
  const key = (s) => [s.asOf || '', Date.parse(s.knownAt) || 0, Date.parse(s.takenAt) || 0];
  const [x, y] = [key(a), key(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return 0;
}

/** Whether an event falls inside a snapshot's two cut-offs. */
function inside(snapshot, event) {
  if (!snapshot || !event) return false;
  return String(event.businessDate) <= String(snapshot.asOf) && Date.parse(event.recordedAt) <= Date.parse(snapshot.knownAt);
}

async function copyText(value, what) {
  const focused = document.activeElement;
  try {
    await navigator.clipboard.writeText(value);
  } catch {
    // no clipboard API (a page served over plain http elsewhere than localhost): the old way
    const area = h('textarea', { class: 'visually-hidden', readonly: true, 'aria-hidden': 'true' });
    area.value = value;
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    area.remove();
    if (focused && focused.focus) focused.focus();
    if (!ok) {
      notify(`未能复制${what}，请手动选择文本复制。`, { level: 'warning' });
      return;
    }
  }
  notify(`已复制${what}`, { level: 'ok', timeout: 3000 });
}

function copyButton(value, what) {
  return h('button', { type: 'button', class: 'copy-button', title: `复制${what}`, 'aria-label': `复制${what}`, on: { click: () => copyText(value, what) } }, '复制');
}

export function mount(main, { query, ctx, setTitle }) {
  setTitle('快照');
  const state = {
    quarter: parseQuarter(query.get('quarter')) ? query.get('quarter') : '',
    page: Math.max(0, Number.parseInt(query.get('page') || '0', 10) || 0),
    view: query.get('view') || '',
    from: query.get('from') || '',
    to: query.get('to') || '',
  };
  const subtitle = h('p', { class: 'subtitle', id: 'snapshots-summary' }, '加载中…');
  const body = h('div', { class: 'snapshots-body' });
  const announcer = h('p', { class: 'visually-hidden', id: 'snapshots-announce', 'aria-live': 'polite' });
  fill(main, h('section', { class: 'page snapshots-page' },
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, '季度快照'), subtitle),
    body, announcer));

  const announce = (message) => {
    fill(announcer, '');
    setTimeout(() => fill(announcer, message), 50);
  };

  function refuse(user, reason) {
    fill(subtitle, '仅限审计人员和管理员');
    const roles = Array.isArray(user?.roles) && user.roles.length ? user.roles.join('、') : '无';
    fill(body, h('div', { class: 'card refusal', id: 'snapshots-refused' },
      h('h2', null, '没有查看快照的权限'),
      h('p', null, '季度快照（生成、查看、对比和导出）仅供审计人员（auditor）和管理员（admin）使用。'),
      reason ? h('p', { class: 'hint' }, reason) : h('p', { class: 'hint' }, `您当前的角色：${roles}。如需使用，请联系系统管理员开通。`),
      h('p', null, h('a', { href: '#/' }, '回到总览'))));
  }

  me().then((user) => {
    if (ctx.signal.aborted) return;
    if (!hasRole(user, 'auditor', 'admin')) refuse(user);
    else build(user);
  }, (error) => {
    if (ctx.signal.aborted) return;
    fill(subtitle, '未能确认用户角色');
    fill(body, h('div', { class: 'card refusal', id: 'snapshots-refused' },
      h('h2', null, '未能确认您的角色'), h('p', null, '读取用户信息失败，请刷新页面后重试。')));
    showError(error, '读取用户信息');
  });

  function build(user) {
    const known = new Map(); // id → snapshot, from every list read
    const selected = new Map(); // id → snapshot picked for a comparison (at most two)
    let listSeq = 0;
    let rows = [];

    // ---- taking one
    const quarterSelect = h('select', { id: 'snapshot-quarter', name: 'quarter', required: true });
    const departmentSelect = h('select', { id: 'snapshot-department', name: 'department' });
    let departmentInput = departmentSelect;
    const knownAt = h('input', { type: 'datetime-local', id: 'snapshot-known-at', name: 'knownAt', 'aria-describedby': 'snapshot-known-at-hint' });
    const take = h('button', { type: 'submit', id: 'snapshot-take', class: 'primary' }, '生成快照');
    const takeStatus = h('p', { class: 'take-status', id: 'snapshot-take-status', role: 'status' });
    const elapsed = h('span', { class: 'take-elapsed', 'aria-hidden': 'true' });
    const takeError = h('div', { class: 'form-error', id: 'snapshot-take-error', role: 'alert', hidden: true });
    const field = (label, input, cls) => h('label', { class: ['field', cls] }, h('span', { class: 'field-label' }, label), input);
    const form = h('form', { id: 'snapshot-form', class: 'take-form', 'aria-labelledby': 'take-heading', novalidate: true },
      field('季度', quarterSelect, 'quarter-field'),
      field('主管部门（可选）', departmentSelect, 'department-field'),
      h('label', { class: 'field known-at-field' }, h('span', { class: 'field-label' }, '数据截至（北京时间，可选）'), knownAt),
      h('div', { class: 'field actions' }, take));
    const takeCard = h('section', { class: 'card take-card', 'aria-labelledby': 'take-heading' },
      h('h2', { id: 'take-heading' }, '生成快照'),
      h('p', { class: 'hint', id: 'snapshot-known-at-hint' },
        '冻结所选季度最后一天（北京时间 24 时）为止的全部自评表。「数据截至」是记录时间的截止点，留空表示按生成时已知的全部数据；填写则只计入此前已记录的事实（例如 4 月 10 日时所知的一季度）。'),
      form, h('div', { class: 'take-progress' }, takeStatus, elapsed), takeError);

    // ---- the list
    const listQuarter = h('select', { id: 'snapshots-filter-quarter', name: 'listQuarter' });
    const refresh = h('button', { type: 'button', class: 'secondary', id: 'snapshots-refresh' }, '刷新');
    const compare = h('button', { type: 'button', class: 'secondary', id: 'snapshots-compare', disabled: true }, '对比所选');
    const clearPick = h('button', { type: 'button', class: 'link-button', id: 'snapshots-clear-pick', hidden: true }, '清除选择');
    const pickNote = h('span', { class: 'pick-note', id: 'snapshots-pick-note', 'aria-live': 'polite' });
    const listSummary = h('p', { class: 'subtitle', id: 'snapshots-list-summary' });
    const HEADS = [
      ['pick', '对比'], ['quarter', '季度'], ['department', '主管部门'], ['as-of', '截至日期'], ['known-at', '数据截至'],
      ['taken-at', '生成时间'], ['taken-by', '生成人'], ['count', '项目数'], ['digest', 'SM3 摘要'], ['actions', '操作'], ['downloads', '下载'],
    ];
    const table = h('table', { id: 'snapshots-table', class: 'data-table snapshots', dataset: { ready: 'false' }, 'aria-describedby': 'snapshots-list-summary' },
      h('caption', { class: 'visually-hidden' }, '快照列表（最新的在前）'),
      h('thead', null, h('tr', null, HEADS.map(([key, label]) => h('th', { scope: 'col', class: [key, key === 'count' && 'num'] }, label)))),
      h('tbody', null, h('tr', { class: 'placeholder' }, h('td', { colspan: String(HEADS.length) }, '加载中…'))));
    const pager = h('nav', { class: 'pager', 'aria-label': '快照分页', hidden: true });
    const listCard = h('section', { class: 'card list-card', 'aria-labelledby': 'list-heading' },
      h('div', { class: 'card-head' }, h('h2', { id: 'list-heading' }, '快照列表'),
        h('div', { class: 'list-tools' },
          h('label', { class: 'inline-field' }, h('span', null, '季度'), listQuarter), refresh)),
      listSummary,
      h('div', { class: 'pick-bar' }, pickNote, compare, clearPick),
      h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': '快照列表' }, table),
      pager);

    const detail = h('section', { id: 'snapshot-detail', class: 'card snapshot-detail', hidden: true, 'aria-labelledby': 'snapshot-detail-title' });
    const diff = h('section', { id: 'snapshot-diff', class: 'card snapshot-diff', hidden: true, 'aria-labelledby': 'snapshot-diff-title' });

    fill(subtitle, '冻结季度末的自评表，留存审计证据：可查看、下载，并与上季度对比。');
    fill(body, takeCard, listCard, detail, diff);

    function saveState() {
      replaceQuery(PATH, { quarter: state.quarter, page: state.page > 0 ? state.page : '', view: state.view, from: state.from, to: state.to });
    }

    // ---- the choices: quarters over, departments
    let years = [];
    function renderQuarters() {
      const offered = quartersOver(years);
      const current = quarterSelect.value || offered[0];
      setOptions(quarterSelect, offered.map((q) => [q, `${quarterLabel(q)}（截至 ${lastDay(parseQuarter(q))}）`]), current);
      setOptions(listQuarter, [['', '全部季度'], ...offered.map((q) => [q, quarterLabel(q)])], state.quarter);
    }
    renderQuarters();
    setOptions(departmentSelect, [['', '全部主管部门']], '');

    async function loadChoices() {
      try {
        const answer = await scoring('/monitoring/departments', { by: 'DEPARTMENT' }, { signal: ctx.signal });
        const groups = answer.groups || [];
        years = [...new Set(groups.map((g) => g.fiscalYear).filter(Boolean))];
        renderQuarters();
        const names = [...new Set(groups.map((g) => g.department).filter(Boolean))].sort((a, b) => String(a).localeCompare(String(b), 'zh-CN'));
        setOptions(departmentSelect, [['', '全部主管部门'], ...names.map((d) => [d, d])], departmentSelect.value);
      } catch (error) {
        if (error.name === 'AbortError') return;
        // without the list of departments one can still type a name
        const input = h('input', { type: 'text', id: 'snapshot-department', name: 'department', placeholder: '留空表示全部主管部门', autocomplete: 'off' });
        departmentSelect.replaceWith(input);
        departmentInput = input;
        showError(error, '主管部门列表');
      }
    }

    // ---- take
    let taking = false;
    let ticker = null;
    function setTaking(on, quarter) {
      taking = on;
      take.disabled = on;
      form.setAttribute('aria-busy', String(on));
      fill(take, on ? [h('span', { class: 'spinner', 'aria-hidden': 'true' }), '正在生成…'] : '生成快照');
      clearInterval(ticker);
      fill(elapsed, '');
      if (on) {
        const started = Date.now();
        fill(takeStatus, `正在生成 ${quarterLabel(quarter)}的快照，项目年度较多时需要几秒钟…`);
        ticker = setInterval(() => fill(elapsed, `已用时 ${Math.round((Date.now() - started) / 1000)} 秒`), 1000);
      }
    }
    ctx.onCleanup(() => clearInterval(ticker));

    function showTakeError(error) {
      const message = (error.code && TAKE_ERRORS[error.code])
        || (error.status === 403 ? TAKE_ERRORS['role-not-allowed'] : null)
        || (error.status === 400 ? TAKE_ERRORS['invalid-input'] : null)
        || error.title || '生成快照失败。';
      const detailText = error.title ? error.detail : error.message;
      takeError.hidden = false;
      fill(takeError, h('strong', null, `未能生成快照：${message}`), detailText ? h('span', { class: 'form-error-detail' }, detailText) : null);
      takeError.dataset.code = error.code || '';
      takeError.dataset.status = String(error.status ?? '');
    }

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (taking) return;
      takeError.hidden = true;
      fill(takeStatus, '');
      const quarter = quarterSelect.value;
      if (!parseQuarter(quarter)) {
        showTakeError({ title: '请选择季度。' });
        quarterSelect.focus();
        return;
      }
      const request = { quarter };
      const department = departmentInput.value.trim();
      if (department) request.department = department;
      if (knownAt.value) {
        const value = knownAtWithOffset(knownAt.value);
        if (!value) {
          showTakeError({ title: '「数据截至」的格式不正确（年-月-日 时:分）。' });
          knownAt.focus();
          return;
        }
        request.knownAt = value;
      } else if (knownAt.validity && knownAt.validity.badInput) {
        showTakeError({ title: '「数据截至」没有填完整（年-月-日 时:分），或清空它。' });
        knownAt.focus();
        return;
      }
      const started = Date.now();
      setTaking(true, quarter);
      try {
        const snapshot = await postJson(`${SCORING}/snapshots`, request);
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        const what = `${quarterLabel(snapshot.quarter)}（${departmentLabel(snapshot.department)}）快照`;
        if (ctx.signal.aborted) {
          notify(`已生成 ${what}`, { href: `#${PATH}?view=${encodeURIComponent(snapshot.id)}`, level: 'ok' });
          return;
        }
        known.set(snapshot.id, snapshot);
        fill(takeStatus, `已生成 ${what}：${count(snapshot.projectYears)} 个项目年度，用时 ${seconds} 秒。`);
        takeStatus.dataset.snapshotId = snapshot.id;
        if (state.quarter && state.quarter !== snapshot.quarter) state.quarter = '';
        listQuarter.value = state.quarter;
        state.page = 0;
        await loadList();
        const row = table.querySelector(`tr[data-snapshot-id="${CSS.escape(snapshot.id)}"]`);
        if (row) flash(row);
      } catch (error) {
        if (error.name === 'AbortError') return;
        if (ctx.signal.aborted) {
          notify(`未能生成快照：${error.title || error.message}`, { level: 'error' });
          return;
        }
        fill(takeStatus, '');
        showTakeError(error);
      } finally {
        if (!ctx.signal.aborted) setTaking(false);
      }
    });

    // ---- list
    async function loadList() {
      saveState();
      const seq = ++listSeq;
      table.dataset.ready = 'false';
      table.setAttribute('aria-busy', 'true');
      try {
        const list = await scoring(PATH, { quarter: state.quarter, page: state.page, size: PAGE_SIZE }, { signal: ctx.signal });
        if (seq !== listSeq) return;
        const snapshots = Array.isArray(list) ? list : [];
        for (const s of snapshots) known.set(s.id, s);
        renderList(snapshots);
      } catch (error) {
        if (seq !== listSeq || error.name === 'AbortError') return;
        table.removeAttribute('aria-busy');
        if (error.status === 403) {
          refuse(user, '服务器拒绝了读取快照的请求（403）：您的角色可能已被调整，请重新登录后再试。');
          return;
        }
        const why = error.status === 404 ? '快照服务暂不可用（404）。' : '未能加载快照列表。';
        fill(table.tBodies[0], h('tr', { class: 'placeholder' }, h('td', { colspan: String(HEADS.length) }, why)));
        fill(listSummary, why);
        if (error.status !== 404) showError(error, '快照列表');
      }
    }

    function renderList(snapshots) {
      rows = snapshots.map(row);
      if (!rows.length) {
        const none = state.page > 0 ? '这一页没有快照。' : state.quarter ? `${quarterLabel(state.quarter)}还没有快照。` : '还没有快照。可在上方生成第一个。';
        fill(table.tBodies[0], h('tr', { class: 'placeholder' }, h('td', { colspan: String(HEADS.length) }, none)));
      } else fill(table.tBodies[0], rows);
      const scope = state.quarter ? quarterLabel(state.quarter) : '全部季度';
      fill(listSummary, `${scope} · ${state.page > 0 ? `第 ${state.page + 1} 页，` : ''}本页 ${count(snapshots.length)} 个快照（最新的在前）`);
      renderPager(snapshots.length);
      renderPick();
      markOpen();
      table.removeAttribute('aria-busy');
      table.dataset.ready = 'true';
      table.dataset.count = String(snapshots.length);
    }

    function renderPager(shown) {
      const last = shown < PAGE_SIZE;
      pager.hidden = state.page === 0 && last;
      const go = (page) => () => {
        state.page = page;
        loadList().then(() => listCard.scrollIntoView({ block: 'start' }));
      };
      fill(pager, h('span', { class: 'pager-count' }, `第 ${state.page + 1} 页`),
        h('span', { class: 'pager-buttons' },
          h('button', { type: 'button', class: 'secondary', dataset: { rel: 'prev' }, disabled: state.page === 0, on: { click: go(state.page - 1) } }, '上一页'),
          h('button', { type: 'button', class: 'secondary', dataset: { rel: 'next' }, disabled: last, on: { click: go(state.page + 1) } }, '下一页')));
    }

    function row(s) {
      const name = `${quarterLabel(s.quarter)}（${departmentLabel(s.department)}）`;
      const pick = h('input', { type: 'checkbox', class: 'pick', 'aria-label': `选择 ${name} 快照 ${s.id} 用于对比` });
      pick.checked = selected.has(s.id);
      pick.addEventListener('change', () => {
        if (pick.checked) selected.set(s.id, s);
        else selected.delete(s.id);
        renderPick();
      });
      // one wrapper per cell, so that on a phone the cell lays out as its heading and its content
      const cell = (key, label, ...content) => h('td', { class: [key, key === 'count' && 'num'], dataset: { label } }, h('div', { class: 'cell' }, ...content));
      const downloads = h('div', { class: 'download-links' }, FORMATS.map((f) => h('a', {
        href: `${SCORING}${PATH}/${encodeURIComponent(s.id)}/${f.file}`,
        download: `${s.id}${f.name}`,
        class: 'download', dataset: { format: f.key }, title: `下载${f.title}`, 'aria-label': `下载 ${name}的${f.title}`,
        on: { click: () => track(s, f) },
      }, f.label)));
      const progress = h('div', { class: 'export-progress', dataset: { snapshotId: s.id } });
      for (const tracker of trackers.values()) if (tracker.snapshotId === s.id) progress.appendChild(tracker.el);
      return h('tr', { class: [s.automatic && 'automatic'], dataset: { snapshotId: s.id, quarter: s.quarter || '', department: s.department || '' } },
        cell('pick', '对比', pick),
        cell('quarter', '季度', h('span', { class: 'quarter-name' }, quarterLabel(s.quarter)), h('span', { class: 'snapshot-code' }, text(s.id))),
        cell('department', '主管部门', departmentLabel(s.department)),
        cell('as-of', '截至日期', text(s.asOf)),
        cell('known-at', '数据截至', when(s.knownAt)),
        cell('taken-at', '生成时间', when(s.takenAt)),
        cell('taken-by', '生成人', s.automatic ? h('span', { class: 'tag tag-auto', title: '季度结束后自动生成' }, '自动') : text(s.takenBy)),
        cell('count', '项目数', count(s.projectYears)),
        cell('digest', 'SM3 摘要', h('code', { class: 'digest', title: s.digest || '' }, shortDigest(s.digest)), s.digest ? copyButton(s.digest, ' SM3 摘要') : null),
        cell('actions', '操作', h('div', { class: 'row-actions' },
          h('button', { type: 'button', class: 'secondary small', dataset: { action: 'view' }, 'aria-label': `查看 ${name} 快照`, on: { click: () => openDetail(s.id) } }, '查看'),
          h('button', { type: 'button', class: 'secondary small', dataset: { action: 'previous' }, 'aria-label': `${name} 快照与上季度对比`, on: { click: () => compareWithPrevious(s) } }, '与上季度对比'))),
        cell('downloads', '下载', downloads, progress));
    }

    function renderPick() {
      const n = selected.size;
      fill(pickNote, n === 0 ? '勾选两个快照可任意对比。' : n === 1 ? '已选 1 个快照，再选 1 个即可对比。' : '已选 2 个快照。');
      compare.disabled = n !== 2;
      clearPick.hidden = n === 0;
      for (const tr of rows) {
        const box = tr.querySelector('input.pick');
        box.checked = selected.has(tr.dataset.snapshotId);
        box.disabled = n >= 2 && !box.checked;
      }
    }
    compare.addEventListener('click', () => {
      if (selected.size !== 2) return;
      const [a, b] = [...selected.values()].sort(chronological);
      showDiff(a.id, b.id);
    });
    clearPick.addEventListener('click', () => {
      selected.clear();
      renderPick();
      table.querySelector('input.pick')?.focus();
    });
    listQuarter.addEventListener('change', () => {
      state.quarter = listQuarter.value;
      state.page = 0;
      loadList();
    });
    refresh.addEventListener('click', () => loadList());

    function markOpen() {
      for (const tr of rows) tr.classList.toggle('is-open', tr.dataset.snapshotId === state.view);
    }

    // ---- one snapshot and its frozen forms
    let detailSeq = 0;
    const closeButton = (label, onClose) => h('button', { type: 'button', class: 'secondary small close-section', on: { click: onClose } }, label);
    function sectionHead(id, title, onClose) {
      return h('div', { class: 'card-head' }, h('h2', { id, tabindex: '-1' }, title), closeButton('关闭', onClose));
    }
    // closing a section gives the focus back to what opened it, or to the list
    const backTo = (opener) => {
      if (opener && opener.isConnected && !opener.disabled) opener.focus();
      else table.querySelector('button[data-action="view"]')?.focus();
    };
    let detailOpener = null;
    function closeDetail() {
      detailSeq++;
      const opener = (state.view && table.querySelector(`tr[data-snapshot-id="${CSS.escape(state.view)}"] button[data-action="view"]`)) || detailOpener;
      state.view = '';
      saveState();
      detail.hidden = true;
      fill(detail, '');
      markOpen();
      backTo(opener);
    }
    function reveal(section, focus) {
      section.hidden = false;
      if (focus) {
        const title = section.querySelector('h2');
        section.scrollIntoView({ block: 'start' });
        if (title) title.focus({ preventScroll: true });
      }
    }

    async function openDetail(id, { focus = true } = {}) {
      const seq = ++detailSeq;
      if (focus) detailOpener = document.activeElement;
      state.view = id;
      saveState();
      markOpen();
      detail.dataset.ready = 'false';
      detail.dataset.snapshotId = id;
      fill(detail, sectionHead('snapshot-detail-title', '快照详情', closeDetail), h('p', { class: 'empty' }, '加载中…'));
      reveal(detail, focus);
      try {
        const answer = await scoring(`${PATH}/${encodeURIComponent(id)}`, null, { signal: ctx.signal });
        if (seq !== detailSeq) return;
        renderDetail(answer, focus);
      } catch (error) {
        if (seq !== detailSeq || error.name === 'AbortError') return;
        fill(detail, sectionHead('snapshot-detail-title', '快照详情', closeDetail),
          h('p', { class: 'error-text' }, error.status === 404 ? `没有快照 ${id}。` : '未能加载快照。'));
        showError(error, '快照详情');
      }
    }

    function renderDetail(answer, focus) {
      const s = answer.snapshot || {};
      const content = answer.content || {};
      const forms = Array.isArray(content.forms) ? content.forms : [];
      const item = (label, ...value) => h('div', { class: 'meta-item' }, h('dt', null, label), h('dd', null, ...value));
      const positions = Object.entries(s.positions || {});
      const meta = h('dl', { class: 'meta snapshot-meta' },
        item('快照编号', h('code', null, text(s.id))),
        item('季度', quarterLabel(s.quarter)),
        item('主管部门', departmentLabel(s.department)),
        item('截至日期', text(s.asOf)),
        item('数据截至', dateTime(s.knownAt)),
        item('生成时间', dateTime(s.takenAt)),
        item('生成人', s.automatic ? '自动' : text(s.takenBy)),
        item('项目数', count(s.projectYears ?? forms.length)),
        h('div', { class: 'meta-item digest-item' }, h('dt', null, 'SM3 摘要'),
          h('dd', null, h('code', { class: 'digest-full' }, text(s.digest)), s.digest ? copyButton(s.digest, ' SM3 摘要') : null)),
        positions.length ? item('事件流位置', h('span', { class: 'positions' }, positions.map(([k, v]) => `${k}：${v}`).join('；'))) : null);

      // a search over the frozen forms, shown a hundred at a time
      const search = h('input', { type: 'search', id: 'snapshot-forms-search', placeholder: '项目名称、编码或主管部门', autocomplete: 'off', 'aria-label': '在快照的自评表中搜索' });
      const formsTable = h('table', { id: 'snapshot-forms', class: 'data-table snapshot-forms' },
        h('caption', { class: 'visually-hidden' }, '快照中冻结的自评表摘要'),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col', class: 'name' }, '项目名称'), h('th', { scope: 'col', class: 'department' }, '主管部门'),
          h('th', { scope: 'col', class: 'num' }, '全年预算数', h('span', { class: 'th-note' }, '（万元）')),
          h('th', { scope: 'col', class: 'num' }, '全年执行数', h('span', { class: 'th-note' }, '（万元）')),
          h('th', { scope: 'col', class: 'num' }, '执行率'), h('th', { scope: 'col', class: 'num' }, '总分'), h('th', { scope: 'col', class: 'grade' }, '评分等级'))),
        h('tbody'), h('tfoot'));
      const formsNote = h('p', { class: 'subtitle', id: 'snapshot-forms-note', 'aria-live': 'polite' });
      const more = h('button', { type: 'button', class: 'secondary', hidden: true }, '显示更多');
      let shown = FORMS_STEP;
      let matching = forms;
      const formRow = (f) => {
        const total = f.funds?.total || {};
        return h('tr', { dataset: { projectId: f.projectId || '' } },
          h('td', { class: 'name' }, h('span', { class: 'form-name' }, text(f.name)), h('span', { class: 'project-code' }, text(f.projectId))),
          h('td', { class: 'department' }, text(f.department)),
          h('td', { class: 'num full-year' }, amount(total.fullYear)),
          h('td', { class: 'num executed' }, amount(total.executed)),
          h('td', { class: 'num rate' }, rate(total.rate)),
          h('td', { class: 'num total' }, text(f.total)),
          h('td', { class: 'grade' }, text(f.grade)));
      };
      const renderForms = () => {
        const list = matching.slice(0, shown);
        if (!list.length) fill(formsTable.tBodies[0], h('tr', { class: 'placeholder' }, h('td', { colspan: '7' }, forms.length ? '没有符合条件的项目。' : '这个快照不含任何项目年度。')));
        else fill(formsTable.tBodies[0], list.map(formRow));
        // the sums are exact (hundredths as BigInt), of every matching form, shown or not
        let fullYear = 0n;
        let executed = 0n;
        for (const f of matching) {
          fullYear += cents(f.funds?.total?.fullYear);
          executed += cents(f.funds?.total?.executed);
        }
        fill(formsTable.tFoot, matching.length ? h('tr', null, h('th', { scope: 'row', colspan: '2' }, `合计（${count(matching.length)} 个项目年度）`),
          h('td', { class: 'num' }, fromCents(fullYear)), h('td', { class: 'num' }, fromCents(executed)), h('td', { colspan: '3' })) : null);
        fill(formsNote, matching.length > list.length ? `显示前 ${count(list.length)} 个，共 ${count(matching.length)} 个项目年度` : `共 ${count(matching.length)} 个项目年度`);
        more.hidden = matching.length <= list.length;
        fill(more, `再显示 ${count(Math.min(FORMS_STEP, matching.length - list.length))} 个`);
      };
      let typing = null;
      search.addEventListener('input', () => {
        clearTimeout(typing);
        typing = setTimeout(() => {
          const q = search.value.trim().toLowerCase();
          matching = !q ? forms : forms.filter((f) => [f.name, f.projectId, f.department, f.implementingUnit].some((v) => String(v ?? '').toLowerCase().includes(q)));
          shown = FORMS_STEP;
          renderForms();
        }, 200);
      });
      ctx.onCleanup(() => clearTimeout(typing));
      more.addEventListener('click', () => {
        const first = shown;
        shown += FORMS_STEP;
        renderForms();
        formsTable.tBodies[0].rows[first]?.querySelector('td')?.setAttribute('tabindex', '-1');
        formsTable.tBodies[0].rows[first]?.querySelector('td')?.focus();
      });
      renderForms();

      const title = `快照：${quarterLabel(s.quarter)} · ${departmentLabel(s.department)}`;
      fill(detail, sectionHead('snapshot-detail-title', title, closeDetail), meta,
        h('div', { class: 'detail-actions' },
          h('button', { type: 'button', class: 'secondary', on: { click: () => compareWithPrevious(s) } }, '与上季度对比'),
          h('span', { class: 'hint' }, '下载各格式请用列表中该快照的链接。')),
        h('h3', { class: 'section-title' }, '冻结的自评表'),
        h('div', { class: 'forms-tools' }, search, formsNote),
        h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': '冻结的自评表摘要' }, formsTable),
        h('div', { class: 'more-row' }, more));
      detail.dataset.ready = 'true';
      detail.dataset.snapshotId = s.id || '';
      if (focus) reveal(detail, true);
    }

    // ---- comparisons
    let diffSeq = 0;
    let diffOpener = null;
    function closeDiff() {
      diffSeq++;
      state.from = '';
      state.to = '';
      saveState();
      diff.hidden = true;
      fill(diff, '');
      backTo(diffOpener);
    }
    const rememberDiffOpener = () => {
      const el = document.activeElement;
      if (el && !diff.contains(el)) diffOpener = el;
    };

    async function compareWithPrevious(s) {
      const seq = ++diffSeq;
      const q = parseQuarter(s.quarter);
      if (!q) return;
      const previous = quarterText(previousQuarter(q));
      const heading = `与上季度对比：${quarterLabel(s.quarter)} · ${departmentLabel(s.department)}`;
      rememberDiffOpener();
      fill(diff, sectionHead('snapshot-diff-title', heading, closeDiff), h('p', { class: 'empty' }, `正在查找 ${quarterLabel(previous)}（${departmentLabel(s.department)}）的快照…`));
      diff.dataset.ready = 'false';
      reveal(diff, true);
      let candidates;
      try {
        candidates = await scoring(PATH, { quarter: previous, page: 0, size: 200 }, { signal: ctx.signal });
      } catch (error) {
        if (seq !== diffSeq || error.name === 'AbortError') return;
        fill(diff, sectionHead('snapshot-diff-title', heading, closeDiff), h('p', { class: 'error-text' }, '未能读取上季度的快照列表。'));
        showError(error, '与上季度对比');
        return;
      }
      if (seq !== diffSeq) return;
      // newest first: the first of the same department is the newest
      const match = (Array.isArray(candidates) ? candidates : []).find((c) => sameDepartment(c.department, s.department));
      if (!match) {
        const prefill = h('button', { type: 'button', class: 'secondary', on: { click: () => {
          setOptions(quarterSelect, [...quarterSelect.options].map((o) => [o.value, o.textContent]), previous);
          departmentInput.value = s.department || '';
          takeCard.scrollIntoView({ block: 'start' });
          take.focus({ preventScroll: true });
        } } }, `填入生成表单：${quarterLabel(previous)}`);
        fill(diff, sectionHead('snapshot-diff-title', heading, closeDiff),
          h('p', { class: 'empty', id: 'snapshot-diff-none' }, `没有 ${quarterLabel(previous)}「${departmentLabel(s.department)}」的快照，无法与上季度对比。可以先生成该季度的快照。`),
          h('p', null, prefill));
        diff.dataset.ready = 'true';
        diff.dataset.state = 'no-previous';
        reveal(diff, true);
        return;
      }
      known.set(match.id, match);
      showDiff(match.id, s.id, { seq });
    }

    async function showDiff(fromId, toId, { focus = true, seq = ++diffSeq } = {}) {
      if (focus) rememberDiffOpener();
      state.from = fromId;
      state.to = toId;
      saveState();
      diff.dataset.ready = 'false';
      delete diff.dataset.state;
      fill(diff, sectionHead('snapshot-diff-title', '快照对比', closeDiff), h('p', { class: 'empty' }, '正在对比…'));
      reveal(diff, focus);
      try {
        const answer = await scoring(`${PATH}/${encodeURIComponent(fromId)}/diff/${encodeURIComponent(toId)}`, null, { signal: ctx.signal });
        if (seq !== diffSeq) return;
        renderDiff(answer, focus);
      } catch (error) {
        if (seq !== diffSeq || error.name === 'AbortError') return;
        fill(diff, sectionHead('snapshot-diff-title', '快照对比', closeDiff), h('p', { class: 'error-text' }, '未能对比这两个快照。'));
        showError(error, '快照对比');
      }
    }

    function side(label, s) {
      return h('div', { class: 'diff-side' },
        h('div', { class: 'diff-side-label' }, label),
        h('div', { class: 'diff-side-name' }, `${quarterLabel(s?.quarter)} · ${departmentLabel(s?.department)}`),
        h('div', { class: 'diff-side-meta' }, `截至 ${text(s?.asOf)} · 数据截至 ${dateTime(s?.knownAt)}`),
        h('div', { class: 'diff-side-meta' }, h('code', { title: s?.digest || '' }, shortDigest(s?.digest)), ` · ${text(s?.id)}`));
    }

    function eventNote(event, from, to) {
      const inTo = inside(to, event);
      const inFrom = inside(from, event);
      if (inTo && !inFrom) {
        return String(event.businessDate) <= String(from?.asOf)
          ? { label: '补记', title: '业务日期在前一快照截至日期内，记录晚于其数据截至' }
          : { label: '期间新增', title: '业务日期在前一快照截至日期之后' };
      }
      if (inFrom && !inTo) return { label: '仅在前一快照', title: '在前一快照的截止点之内，不在后一快照的之内' };
      return { label: DASH, title: '' };
    }

    function changeBlock(change, from, to) {
      const kind = CHANGE_KINDS[change.change] || text(change.change);
      const figures = Array.isArray(change.figures) ? change.figures : [];
      const events = Array.isArray(change.events) ? change.events : [];
      const figureTable = figures.length ? h('table', { class: 'data-table compact diff-figures' },
        h('caption', { class: 'visually-hidden' }, `${text(change.name)}：变化的数字`),
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, '项目'), h('th', { scope: 'col', class: 'num' }, '变化前'),
          h('th', { scope: 'col', class: 'arrow', 'aria-hidden': 'true' }), h('th', { scope: 'col', class: 'num' }, '变化后'), h('th', { scope: 'col', class: 'num' }, '增减'))),
        h('tbody', null, figures.map((f) => {
          const label = fieldLabel(f.field);
          const d = delta(f.field, f.before, f.after);
          return h('tr', { dataset: { field: f.field || '' } },
            h('th', { scope: 'row', class: 'figure-field' }, label, label !== f.field ? h('span', { class: 'field-path' }, text(f.field)) : null),
            h('td', { class: 'num before' }, figureValue(f.field, f.before)),
            h('td', { class: 'arrow', 'aria-hidden': 'true' }, '→'),
            h('td', { class: 'num after' }, figureValue(f.field, f.after)),
            h('td', { class: ['num', 'delta', d && d.startsWith('-') && 'negative'] }, d ?? ''));
        }))) : h('p', { class: 'empty' }, '没有数字变化。');
      const eventTable = events.length ? h('table', { class: 'data-table compact diff-events' },
        h('caption', null, `相关事件（${count(events.length)}）`),
        h('thead', null, h('tr', null, ['类型', '凭证号 / 参考号', '业务日期', '记录时间', '说明'].map((l) => h('th', { scope: 'col' }, l)))),
        h('tbody', null, events.map((e) => {
          const note = eventNote(e, from, to);
          // data-label: the heading of each cell where a phone shows the rows as cards
          return h('tr', { dataset: { eventId: e.eventId || '' } },
            h('td', { class: 'event-type', title: text(e.eventType), dataset: { label: '类型' } }, eventLabel(e.eventType), h('span', { class: 'sub' }, STREAMS[e.stream] || text(e.stream))),
            h('td', { class: 'reference', dataset: { label: '凭证号 / 参考号' } }, text(e.reference)),
            h('td', { class: 'business-date', dataset: { label: '业务日期' } }, text(e.businessDate)),
            h('td', { class: 'recorded-at', dataset: { label: '记录时间' } }, dateTime(e.recordedAt)),
            h('td', { class: 'event-note', dataset: { label: '说明' } }, note.label, note.title ? h('span', { class: 'sub' }, note.title) : null));
        }))) : h('p', { class: 'empty' }, '没有找到造成差异的事件。');
      return h('article', { class: ['change', `change-${change.change}`], dataset: { projectId: change.projectId || '', change: change.change || '' } },
        h('h3', { class: 'change-title' }, h('span', { class: ['tag', `tag-${change.change}`] }, kind), ' ', text(change.name),
          h('span', { class: 'project-code' }, text(change.projectId))),
        h('div', { class: 'table-scroll' }, figureTable), h('div', { class: 'table-scroll' }, eventTable));
    }

    function renderDiff(answer, focus) {
      const from = answer.from || known.get(state.from);
      const to = answer.to || known.get(state.to);
      const changes = Array.isArray(answer.changes) ? answer.changes : [];
      const kinds = { ADDED: 0, REMOVED: 0, CHANGED: 0 };
      for (const c of changes) if (c.change in kinds) kinds[c.change]++;
      const list = h('div', { class: 'changes' });
      const more = h('button', { type: 'button', class: 'secondary', hidden: true }, '显示更多');
      let shown = 0;
      const showMore = () => {
        const next = changes.slice(shown, shown + CHANGES_STEP);
        const blocks = next.map((c) => changeBlock(c, from, to));
        list.append(...blocks);
        shown += next.length;
        more.hidden = shown >= changes.length;
        fill(more, `再显示 ${count(Math.min(CHANGES_STEP, changes.length - shown))} 个项目年度`);
        return blocks;
      };
      more.addEventListener('click', () => {
        const blocks = showMore();
        const first = blocks[0]?.querySelector('h3');
        if (first) {
          first.setAttribute('tabindex', '-1');
          first.focus();
        }
      });
      const sameDigest = from?.digest && from.digest === to?.digest;
      const summary = changes.length
        ? `变化 ${count(changes.length)} 个项目年度（新增 ${count(kinds.ADDED)}、移除 ${count(kinds.REMOVED)}、变化 ${count(kinds.CHANGED)}），未变 ${count(answer.unchanged ?? 0)} 个。`
        : `两个快照的自评表完全相同（${count(answer.unchanged ?? 0)} 个项目年度）${sameDigest ? '，SM3 摘要一致' : ''}。`;
      fill(diff, sectionHead('snapshot-diff-title', `快照对比：${quarterLabel(from?.quarter)} → ${quarterLabel(to?.quarter)}`, closeDiff),
        h('div', { class: 'diff-sides' }, side('前一快照', from), h('span', { class: 'diff-arrow', 'aria-label': '对比' }, '→'), side('后一快照', to)),
        h('p', { class: 'diff-summary', id: 'snapshot-diff-summary' }, summary),
        list, h('div', { class: 'more-row' }, more));
      showMore();
      diff.dataset.ready = 'true';
      diff.dataset.changes = String(changes.length);
      if (focus) reveal(diff, true);
    }

    // ---- downloads and their progress
    const trackers = new Map(); // "id|format" → {snapshotId, format, el, bar, label, since, state}
    const pollers = new Map(); // snapshot id → {timer}

    function track(s, format) {
      const key = `${s.id}|${format.key}`;
      let tracker = trackers.get(key);
      if (!tracker) {
        const bar = h('progress', { dataset: { format: format.key, snapshotId: s.id }, 'aria-label': `${format.label} 导出进度` });
        const label = h('span', { class: 'export-text' });
        const el = h('div', { class: 'export-line', dataset: { format: format.key } }, h('span', { class: 'export-format' }, format.label), bar, label);
        tracker = { snapshotId: s.id, format, el, bar, label, since: 0, state: 'WAITING' };
        trackers.set(key, tracker);
      }
      tracker.since = Date.now();
      tracker.state = 'WAITING';
      showTracker(tracker, null);
      const box = table.querySelector(`.export-progress[data-snapshot-id="${CSS.escape(s.id)}"]`);
      if (box && tracker.el.parentNode !== box) box.appendChild(tracker.el);
      announce(`正在导出${format.title}…`);
      if (!pollers.has(s.id)) {
        pollers.set(s.id, { timer: null });
        poll(s.id);
      }
    }

    const active = (t) => t.state === 'WAITING' || t.state === 'RUNNING';

    function showTracker(t, entry) {
      const { bar, label } = t;
      t.el.dataset.state = t.state;
      bar.dataset.state = t.state;
      bar.hidden = t.state === 'UNKNOWN' || t.state === 'ERROR';
      const done = Number(entry?.done) || 0;
      const total = Number(entry?.total) || 0;
      if (total > 0 && t.state !== 'WAITING') {
        bar.max = total;
        bar.value = t.state === 'DONE' ? total : Math.min(done, total);
      } else if (t.state === 'DONE') {
        bar.max = 1;
        bar.value = 1;
      } else bar.removeAttribute('value'); // indeterminate
      const progress = total > 0 ? `已导出 ${count(done)} / ${count(total)}` : `已导出 ${count(done)}`;
      const words = {
        WAITING: '正在准备导出…',
        RUNNING: progress,
        DONE: `${progress} · 完成`,
        FAILED: `导出失败（${progress}）`,
        UNKNOWN: '已开始下载（暂无进度信息）',
        ERROR: '未能读取导出进度',
      };
      fill(label, words[t.state] || t.state);
    }

    function newestOf(list, t) {
      const entries = list.filter((e) => e && e.format === t.format.key);
      const entry = entries[0]; // the most recent first
      if (!entry) return null;
      // an instant as text, or as epoch seconds should the server write numbers
      const started = typeof entry.startedAt === 'number' ? entry.startedAt * (entry.startedAt < 1e11 ? 1000 : 1) : Date.parse(entry.startedAt);
      return entry.state === 'RUNNING' || Number.isNaN(started) || started >= t.since - CLOCK_SKEW_MS ? entry : null;
    }

    async function poll(id) {
      const poller = pollers.get(id);
      if (!poller || ctx.signal.aborted) return;
      const mine = [...trackers.values()].filter((t) => t.snapshotId === id && active(t));
      if (!mine.length) {
        pollers.delete(id);
        return;
      }
      let list;
      try {
        list = await scoring(`${PATH}/${encodeURIComponent(id)}/exports`, null, { signal: ctx.signal });
      } catch (error) {
        if (error.name === 'AbortError' || ctx.signal.aborted) return;
        // before the exports' progress exists (404) the download goes on without it
        for (const t of mine) {
          t.state = error.status === 404 ? 'UNKNOWN' : 'ERROR';
          showTracker(t, null);
        }
        if (error.status !== 404) console.warn('export progress', error);
        pollers.delete(id);
        return;
      }
      if (ctx.signal.aborted) return;
      const entries = Array.isArray(list) ? list : [];
      for (const t of trackers.values()) {
        if (t.snapshotId !== id || !active(t)) continue;
        const entry = newestOf(entries, t);
        if (entry) {
          t.state = ['RUNNING', 'DONE', 'FAILED'].includes(entry.state) ? entry.state : 'RUNNING';
          showTracker(t, entry);
          if (t.state === 'DONE') announce(`${t.format.title}导出完成，共 ${count(entry.total ?? entry.done)} 项。`);
          if (t.state === 'FAILED') announce(`${t.format.title}导出失败。`);
        } else if (Date.now() - t.since > POLL_GIVE_UP_MS) {
          t.state = 'UNKNOWN';
          showTracker(t, null);
        }
      }
      if ([...trackers.values()].some((t) => t.snapshotId === id && active(t))) poller.timer = setTimeout(() => poll(id), POLL_MS);
      else pollers.delete(id);
    }

    ctx.onCleanup(() => {
      for (const poller of pollers.values()) clearTimeout(poller.timer);
      pollers.clear();
    });

    // ---- start
    renderPick();
    loadChoices();
    loadList();
    if (state.view) openDetail(state.view, { focus: false });
    if (state.from && state.to) showDiff(state.from, state.to, { focus: false });
  }
}
