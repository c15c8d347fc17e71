// Server-sent events from the gateway (the session cookie authenticates; EventSource sends no header), and the
// coalescing of their updates so a busy stream never freezes the page.
import { getJson } from './api.js';
import { liveState } from './ui.js';

/**
 * Opens an EventSource on url and calls handlers[name](data) for each named event (data parsed as JSON).
 * The browser reconnects by itself after a dropped connection; when it gives up (an HTTP error, e.g. the
 * session ended) the session is checked (a 401 goes to the login) and the stream is opened again, backing off.
 * Returns close().
 */
export function openStream(url, handlers, { onOpen } = {}) {
  let source = null;
  let closed = false;
  let retry = 1000;
  let timer = null;

  function connect() {
    if (closed) return;
    liveState('connecting');
    source = new EventSource(url, { withCredentials: true });
    source.onopen = () => {
      retry = 1000;
      liveState('open');
      if (onOpen) onOpen();
    };
    source.onerror = () => {
      if (closed) return;
      if (source.readyState === EventSource.CLOSED) {
        liveState('closed');
        source.close();
        // a 401 here redirects to the login; otherwise try again a little later
        getJson('/me').catch(() => {});
        timer = setTimeout(connect, retry);
        retry = Math.min(retry * 2, 30000);
      } else {
        liveState('connecting');
      }
    };
    for (const [name, handler] of Object.entries(handlers)) {
      source.addEventListener(name, (event) => {
        let data;
        try {
          data = JSON.parse(event.data);
        } catch {
          console.warn('unreadable event', name, event.data);
          return;
        }
        handler(data);
      });
    }
  }

  connect();
  return function close() {
    closed = true;
    clearTimeout(timer);
    if (source) source.close();
    liveState(null);
  };
}

/**
 * Buffers updates by key (the last one wins) and applies them together, at most once every `interval` ms and
 * inside one animation frame: apply(Map<key, value>).
 */
export class Coalescer {
  constructor(apply, interval = 300) {
    this.apply = apply;
    this.interval = interval;
    this.pending = new Map();
    this.timer = null;
    this.frame = null;
    this.last = 0;
  }

  push(key, value) {
    this.pending.set(key, value);
    if (this.timer !== null || this.frame !== null) return;
    const wait = Math.max(30, this.interval - (performance.now() - this.last));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.frame = requestAnimationFrame(() => this.flush());
    }, wait);
  }

  flush() {
    this.frame = null;
    this.last = performance.now();
    const batch = this.pending;
    this.pending = new Map();
    if (batch.size) this.apply(batch);
  }

  cancel() {
    clearTimeout(this.timer);
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.timer = null;
    this.frame = null;
    this.pending.clear();
  }
}

/**
 * Runs task() one at a time: a call while one runs makes exactly one more run after it (for refetches triggered
 * by live events).
 */
export function singleFlight(task) {
  let running = null;
  let again = false;
  return function run() {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await task();
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  };
}
