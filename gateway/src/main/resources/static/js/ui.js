// The message area (errors, in title/detail), the notices of live status changes, and the live indicator.
import { h, fill } from './dom.js';

const messages = () => document.getElementById('messages');
const notices = () => document.getElementById('notices');

/** Shows an error (an ApiError's title and detail, or any error's message) until dismissed. */
export function showError(error, context) {
  if (!error || error.name === 'AbortError') return;
  console.error(error);
  const title = error.title || '出错了';
  const detail = error.title ? error.detail : error.message;
  const box = h('div', { class: 'message error', dataset: { status: error.status ?? '', code: error.code ?? '' } },
    h('div', { class: 'message-text' },
      h('strong', null, context ? `${context}：${title}` : title),
      detail ? h('span', { class: 'message-detail' }, detail) : null),
    h('button', { type: 'button', class: 'message-close', 'aria-label': '关闭消息', on: { click: () => box.remove() } }, '×'));
  const area = messages();
  // the same message twice is shown once
  for (const existing of area.children) {
    if (existing.textContent === box.textContent) existing.remove();
  }
  area.appendChild(box);
  while (area.children.length > 4) area.firstElementChild.remove();
}

export function clearMessages() {
  messages().replaceChildren();
}

/** A small non-blocking notice, gone after a while; an optional link (href inside the app). */
export function notify(text, { href, level = 'info', timeout = 6000 } = {}) {
  const body = href ? h('a', { href }, text) : h('span', null, text);
  const note = h('div', { class: ['notice', `notice-${level}`], role: 'status' }, body,
    h('button', { type: 'button', class: 'notice-close', 'aria-label': '关闭提示', on: { click: () => note.remove() } }, '×'));
  const area = notices();
  area.appendChild(note);
  while (area.children.length > 3) area.firstElementChild.remove();
  // gone after a while, but not while the pointer or the focus is on it
  let timer = setTimeout(() => note.remove(), timeout);
  const hold = () => clearTimeout(timer);
  const release = () => {
    clearTimeout(timer);
    timer = setTimeout(() => note.remove(), timeout / 2);
  };
  note.addEventListener('mouseenter', hold);
  note.addEventListener('focusin', hold);
  note.addEventListener('mouseleave', release);
  note.addEventListener('focusout', release);
  return note;
}

const LIVE = { open: '实时更新中', connecting: '正在连接…', closed: '实时连接已断开', paused: '非今日数据，实时更新暂停' };
let streamState = null;
let paused = false;

function showLive() {
  const el = document.getElementById('live-status');
  if (!el) return;
  if (!streamState) {
    el.hidden = true;
    delete el.dataset.state;
    return;
  }
  const state = paused && streamState === 'open' ? 'paused' : streamState;
  el.hidden = false;
  el.dataset.state = state;
  fill(el, h('span', { class: 'live-dot', 'aria-hidden': 'true' }), LIVE[state] || state);
}

/** The live indicator in the top bar: the stream's state (open, connecting, closed), null hides it. */
export function liveState(state) {
  streamState = state;
  if (!state) paused = false;
  showLive();
}

/** Whether the page shows another day than today, so live updates are not applied. */
export function livePaused(value) {
  paused = value;
  showLive();
}
