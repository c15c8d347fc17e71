// 财政项目支出绩效监控: the hash router, the top bar (user, logout) and the page lifecycle.
import { h, fill } from './dom.js';
import { me, hasRole, logout } from './api.js';
import { showError, clearMessages, liveState } from './ui.js';
import { parseHash } from './router.js';
import * as overview from './overview.js';
import * as project from './project.js';
import * as departments from './departments.js';
import * as snapshots from './snapshots.js';

export const APP_NAME = '财政项目支出绩效监控';

const ROUTES = [
  { pattern: /^\/$/, page: overview, nav: 'overview' },
  { pattern: /^\/projects\/([^/]+)$/, page: project, nav: 'overview' },
  { pattern: /^\/departments$/, page: departments, nav: 'departments' },
  { pattern: /^\/snapshots$/, page: snapshots, nav: 'snapshots' },
];

// the pages a top-bar link stands for (a project page is reached from 总览 but is not it)
const NAV_PAGES = ['/', '/departments', '/snapshots'];

let current = null; // {dispose}
let firstRoute = true;

function context() {
  const controller = new AbortController();
  const cleanups = [];
  return {
    signal: controller.signal,
    onCleanup(fn) {
      cleanups.push(fn);
    },
    dispose() {
      controller.abort();
      for (const fn of cleanups.reverse()) {
        try {
          fn();
        } catch (error) {
          console.error(error);
        }
      }
    },
  };
}

function route() {
  const { path, query } = parseHash();
  if (current) current.dispose();
  clearMessages();
  liveState(null);
  const main = document.getElementById('main');
  main.replaceChildren();
  main.removeAttribute('aria-busy');
  const match = ROUTES.map((r) => ({ r, m: r.pattern.exec(path) })).find(({ m }) => m);
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (match && link.dataset.nav === match.r.nav && NAV_PAGES.includes(path)) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  current = context();
  if (!match) {
    document.title = `页面不存在 · ${APP_NAME}`;
    fill(main, h('section', { class: 'page' }, h('h1', { tabindex: '-1' }, '页面不存在'),
      h('p', null, '没有这个页面。', h('a', { href: '#/' }, '回到总览'))));
  } else {
    const params = match.m.slice(1).map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
    try {
      match.r.page.mount(main, { params, query, ctx: current, setTitle });
    } catch (error) {
      showError(error);
    }
  }
  // keyboard and screen-reader users land on the new page's heading
  if (!firstRoute) {
    const heading = main.querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: false });
    }
    window.scrollTo(0, 0);
  }
  firstRoute = false;
}

function setTitle(title) {
  document.title = title ? `${title} · ${APP_NAME}` : APP_NAME;
}

async function showUser() {
  const el = document.getElementById('user');
  try {
    const user = await me();
    const scope = [];
    scope.push(!user.department || user.department === '*' ? '全部门' : user.department);
    if (user.unit && user.unit !== '*') scope.push(user.unit);
    fill(el, h('span', { class: 'user-name' }, user.name || '用户'), h('span', { class: 'user-scope' }, scope.join(' · ')));
    if (Array.isArray(user.roles) && user.roles.length) el.title = `角色：${user.roles.join('、')}`;
    // 快照 is for auditors and admins (the page itself says so to anyone else who opens it)
    for (const link of document.querySelectorAll('[data-nav="snapshots"]')) link.hidden = !hasRole(user, 'auditor', 'admin');
    el.dataset.loaded = 'true';
  } catch (error) {
    fill(el, h('span', { class: 'user-name' }, '未知用户'));
    showError(error, '读取用户信息');
  }
}

function start() {
  document.getElementById('logout').addEventListener('click', (event) => {
    event.currentTarget.disabled = true;
    logout();
  });
  // the skip link must not change the hash (that is the router's)
  document.querySelector('.skip-link').addEventListener('click', (event) => {
    event.preventDefault();
    const main = document.getElementById('main');
    (main.querySelector('h1') || main).focus();
  });
  window.addEventListener('hashchange', route);
  window.addEventListener('unhandledrejection', (event) => showError(event.reason));
  showUser();
  route();
}

start();
