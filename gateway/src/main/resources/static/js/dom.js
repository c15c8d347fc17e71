// Building the page from data without markup: every text goes in through createTextNode, never innerHTML.

/**
 * h('td', {class: 'rate', dataset: {projectId: id}, on: {click: fn}}, '86.18%', child, [more]) builds an element.
 * Attribute values are set with setAttribute (so they are text), children that are strings or numbers become text
 * nodes, null/undefined/false children are skipped, arrays are flattened.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'class') el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
      else if (name === 'dataset') Object.assign(el.dataset, value);
      else if (name === 'on') for (const [type, fn] of Object.entries(value)) el.addEventListener(type, fn);
      else if (name === 'style') for (const [prop, v] of Object.entries(value)) el.style.setProperty(prop, v);
      else if (value === true) el.setAttribute(name, '');
      else el.setAttribute(name, String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces every child of el with the given children (text or nodes). */
export function fill(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/**
 * Plays the short highlight of a live change on each element (CSS class "flash" restarted), with one forced
 * layout for all of them rather than one per element.
 */
export function flash(...elements) {
  const list = elements.flat().filter(Boolean);
  if (!list.length) return;
  const now = new Date().toISOString();
  for (const el of list) el.classList.remove('flash');
  void list[0].offsetWidth; // restart the animation
  for (const el of list) {
    el.classList.add('flash');
    el.dataset.updatedAt = now;
  }
}

/** Options of a select, keeping the value when it is still offered. */
export function setOptions(select, options, value) {
  select.replaceChildren(...options.map(([v, label]) => h('option', { value: v }, label)));
  if (value !== undefined && value !== null && ![...select.options].some((o) => o.value === String(value))) {
    select.appendChild(h('option', { value: String(value) }, String(value)));
  }
  select.value = value ?? '';
}

/**
 * Brings element `into` to look like `from` (a freshly built copy), keeping every node whose kind and place did not
 * change: texts and attributes are updated in place, so focus, references held by tests and open states survive
 * a live update. Where the shape differs, the new nodes replace the old.
 */
export function morph(into, from) {
  if (into.nodeType !== from.nodeType || into.nodeName !== from.nodeName) return false;
  if (into.nodeType === Node.TEXT_NODE) {
    if (into.nodeValue !== from.nodeValue) into.nodeValue = from.nodeValue;
    return true;
  }
  if (into.nodeType !== Node.ELEMENT_NODE) return false;
  for (const { name } of [...into.attributes]) {
    if (!from.hasAttribute(name)) into.removeAttribute(name);
  }
  for (const { name, value } of [...from.attributes]) {
    if (into.getAttribute(name) !== value) into.setAttribute(name, value);
  }
  const olds = [...into.childNodes];
  const news = [...from.childNodes];
  if (olds.length !== news.length) {
    into.replaceChildren(...news);
    return true;
  }
  olds.forEach((old, i) => {
    if (!morph(old, news[i])) into.replaceChild(news[i], old);
  });
  return true;
}
