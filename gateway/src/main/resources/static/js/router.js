// The hash routes' parsing and the page state kept in the hash's query.

/** "#/projects/2023-X?asOf=…" → {path: "/projects/2023-X", query: URLSearchParams}. */
export function parseHash(hash = window.location.hash) {
  const raw = hash.replace(/^#/, '') || '/';
  const at = raw.indexOf('?');
  const path = at < 0 ? raw : raw.slice(0, at);
  return { path: path.startsWith('/') ? path : `/${path}`, query: new URLSearchParams(at < 0 ? '' : raw.slice(at + 1)) };
}

/** Replaces the hash's query without a new history entry or a hashchange (the page keeps its state there). */
export function replaceQuery(path, params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '' && value !== false) search.set(name, String(value));
  }
  const text = search.toString();
  const hash = `#${path}${text ? `?${text}` : ''}`;
  if (window.location.hash !== hash) history.replaceState(history.state, '', hash);
}
