// Same-origin calls of the JSON API: the gateway's session cookie authenticates, 401 goes to the login.

export const LOGIN = '/oauth2/authorization/jixiao';
export const SCORING = '/api/scoring';

/** A problem+json answer ({type, title, status, detail, code}) or a failed call. */
export class ApiError extends Error {
  constructor(problem, status) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.title = problem.title || `请求失败（${status}）`;
    this.detail = problem.detail || '';
    this.code = problem.code || null;
    this.type = problem.type || null;
  }
}

let leaving = false;

/** Goes to the login; the returned promise never settles, so nothing renders behind the redirect. */
export function toLogin() {
  if (!leaving) {
    leaving = true;
    window.location.assign(LOGIN);
  }
  return new Promise(() => {});
}

/** "?a=1&b=x" from the parameters that have a value. */
export function query(params) {
  if (!params) return '';
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '' || value === false) continue;
    search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

async function problemOf(response) {
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      return await response.json();
    } catch {
      // not JSON after all
    }
  }
  return { title: `请求失败（${response.status}${response.statusText ? ' ' + response.statusText : ''}）` };
}

/**
 * GET path?params as JSON. A redirect (the gateway sending an unauthenticated call to the login) or a 401 goes to
 * the login; any other failure throws an ApiError with the problem's title and detail.
 */
export async function getJson(path, params, { signal } = {}) {
  const response = await send(path + query(params), { headers: { Accept: 'application/json' }, signal });
  return response.json();
}

/**
 * One call of the session: same origin, no redirect followed, nothing cached. A network failure is an ApiError
 * (status 0); a redirect or a 401 goes to the login (never answering, as the page leaves); any other failure throws
 * the problem.
 */
async function send(url, init) {
  let response;
  try {
    response = await fetch(url, { ...init, credentials: 'same-origin', redirect: 'manual', cache: 'no-store' });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError({ title: '无法连接服务器', detail: '请检查网络后重试。' }, 0);
  }
  if (response.type === 'opaqueredirect' || response.status === 401) return toLogin();
  if (!response.ok) throw new ApiError(await problemOf(response), response.status);
  return response;
}

export function scoring(path, params, options) {
  return getJson(SCORING + path, params, options);
}

let meOnce = null;

/** GET /me once per load of the app (the top bar and the pages that depend on the roles share it). */
export function me() {
  if (!meOnce) {
    meOnce = getJson('/me').catch((error) => {
      meOnce = null;
      throw error;
    });
  }
  return meOnce;
}

/** Whether /me's answer holds one of the roles. */
export function hasRole(user, ...roles) {
  return Array.isArray(user?.roles) && user.roles.some((role) => roles.includes(role));
}

/** The session's CSRF token (the XSRF-TOKEN cookie), after one GET that lets the gateway write it when missing. */
async function csrfToken() {
  let token = cookie('XSRF-TOKEN');
  if (!token) {
    await fetch('/me', { credentials: 'same-origin', redirect: 'manual', cache: 'no-store' }).catch(() => {});
    token = cookie('XSRF-TOKEN');
  }
  return token;
}

/**
 * POST path with a JSON body, as a session write: the X-XSRF-TOKEN header carries the XSRF-TOKEN cookie's value.
 * The answer's JSON (or null without a body); failures as getJson's.
 */
export async function postJson(path, body, { signal } = {}) {
  const token = await csrfToken();
  const response = await send(path, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...(token ? { 'X-XSRF-TOKEN': token } : {}) },
    body: JSON.stringify(body),
    signal,
  });
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** A cookie's value, or null. */
export function cookie(name) {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

/**
 * Logs out: POST /logout with the CSRF token of the XSRF-TOKEN cookie. It is a form POST (the token as the
 * `_csrf` field, which Spring Security reads like the X-XSRF-TOKEN header), not a fetch, because the gateway answers
 * with a redirect to the issuer's logout (RP-initiated logout), which sends the browser back to `/`: a fetch could
 * not follow that redirect to the issuer, and the issuer's session would stay open.
 */
export async function logout() {
  let token = cookie('XSRF-TOKEN');
  if (!token) {
    // the gateway writes the token cookie on its responses: one GET gives it the chance
    await fetch('/me', { credentials: 'same-origin', redirect: 'manual', cache: 'no-store' }).catch(() => {});
    token = cookie('XSRF-TOKEN');
  }
  const form = document.createElement('form');
  form.method = 'post';
  form.action = '/logout';
  form.hidden = true;
  const field = document.createElement('input');
  field.type = 'hidden';
  field.name = '_csrf';
  field.value = token || '';
  form.appendChild(field);
  document.body.appendChild(form);
  form.submit();
}
