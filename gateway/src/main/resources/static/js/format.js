// Figures as the API gives them (strings with 2 decimals), shown without ever going through floating point.

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;
export const DASH = '—';

function group(digits) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "2500.00" → "2,500.00"; "-13505200.5" → "-13,505,200.5"; null → "—"; anything else as given. */
export function amount(value) {
  if (value === null || value === undefined || value === '') return DASH;
  const text = String(value).trim();
  const m = DECIMAL.exec(text);
  if (!m) return text;
  return (m[1] === '-' ? '-' : '') + group(m[2].replace(/^0+(?=\d)/, '')) + (m[3] !== undefined ? '.' + m[3] : '');
}

/** "86.18" → "86.18%". */
export function rate(value) {
  if (value === null || value === undefined || value === '') return DASH;
  return `${value}%`;
}

/** A gap in points, as given ("-13.82"). */
export function points(value) {
  if (value === null || value === undefined || value === '') return DASH;
  return String(value);
}

export function text(value) {
  return value === null || value === undefined || value === '' ? DASH : String(value);
}

/** A decimal string as a BigInt of hundredths (fen); more than 2 decimals are cut (the API gives at most 2). */
export function cents(value) {
  const m = DECIMAL.exec(String(value ?? '0').trim());
  if (!m) return 0n;
  const fraction = ((m[3] ?? '') + '00').slice(0, 2);
  const n = BigInt(m[2]) * 100n + BigInt(fraction);
  return m[1] === '-' ? -n : n;
}

/** A BigInt of hundredths as "1,234.56". */
export function fromCents(n) {
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const whole = (abs / 100n).toString();
  const fraction = (abs % 100n).toString().padStart(2, '0');
  return (negative ? '-' : '') + group(whole) + '.' + fraction;
}

export function isZero(value) {
  return cents(value) === 0n;
}

/** Compares two decimal strings exactly: -1, 0, 1. */
export function compare(a, b) {
  const x = cents(a);
  const y = cents(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export const STATUS = { GREEN: '正常', YELLOW: '预警', RED: '滞后' };
export const PROJECT_STATUS = { REGISTERED: '已登记', OPEN: '执行中', CLOSED: '已关闭' };

export const SOURCES = [
  { code: 'CURRENT_YEAR_APPROPRIATION', key: 'currentYearAppropriation', short: '财政拨款', label: '当年财政拨款', cls: 'rate-current' },
  { code: 'PRIOR_YEAR_CARRYOVER', key: 'priorYearCarryover', short: '上年结转', label: '上年结转资金', cls: 'rate-carryover' },
  { code: 'OTHER_FUNDS', key: 'otherFunds', short: '其他资金', label: '其他资金', cls: 'rate-other' },
];

export const EVENT_TYPES = {
  InitialBudgetAllocated: '年初预算',
  BudgetAdjusted: '预算调整',
  ExpenditureRecorded: '支出',
  ExpenditureReversed: '冲销',
  ExpenditureRefunded: '退款',
  ProjectYearRegistered: '项目登记',
  ProjectYearOpened: '年度开启',
  ProjectYearClosed: '年度关闭',
};

const FLAGS = {
  FORMULA_MISMATCH: '自评分与公式不符',
  MISSING_EXPLANATION: '缺偏差说明',
  OVER_ACHIEVEMENT: '超额完成',
  RESTATES_BUDGET_EXECUTION: '跟随预算执行率',
  BAND_VIOLATION: '超出定性得分区间',
  MISSING_ACTUAL: '未填报',
  BARE_NUMBER_TARGET: '指标值为裸数字',
  SCORE_MISSING: '缺得分',
  REVIEW_DIFFERS: '复核分不同',
  ACTUAL_DOES_NOT_FIT_TARGET: '实际值与指标值不匹配',
  OVER_EXECUTION: '执行率超过100%',
  UNKNOWN_RULE_SET: '未知评分规则',
  WEIGHTS_NOT_100: '分值合计不为100',
};

/** A flag code in Chinese where known; the code itself otherwise. */
export function flagLabel(flag) {
  if (FLAGS[flag]) return FLAGS[flag];
  if (flag.startsWith('PUBLISHED_DIFFERS:')) return '与公开数不一致：' + flag.slice('PUBLISHED_DIFFERS:'.length);
  if (flag.startsWith('TARGET_')) return '指标值读法：' + flag.slice(7);
  if (flag.startsWith('ACTUAL_')) return '实际值读法：' + flag.slice(7);
  return flag;
}

const SHANGHAI_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const SHANGHAI_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});

/** Today in Asia/Shanghai, YYYY-MM-DD. */
export function today() {
  return SHANGHAI_DATE.format(new Date());
}

/** An instant ("2023-07-01T02:13:08.123Z") in Beijing time; the text as given when it does not parse. */
export function dateTime(iso) {
  if (!iso) return DASH;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : SHANGHAI_TIME.format(d).replaceAll('/', '-');
}

/** Grouped integer: 5000 → "5,000". */
export function count(n) {
  return group(String(n ?? 0));
}
