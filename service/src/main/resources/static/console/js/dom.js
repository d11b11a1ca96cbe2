// Builds DOM nodes from data without ever parsing it as HTML, so nothing an API returns can run as script.

/** h('a', {href: '#/x', class: 'c', onclick: fn}, 'text', child) */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') el.className = value;
    else if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'value') el.value = value;
    else if (name === 'checked') el.checked = true;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function badge(text, tone) {
  return h('span', {class: 'badge' + (tone ? ' ' + tone : '')}, text);
}

export function when(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return isNaN(date) ? String(iso) : date.toLocaleString();
}

/** A time element: the exact instant for assistive tools and tooltips, local time for the eye. */
export function time(iso) {
  return iso ? h('time', {datetime: iso, title: iso}, when(iso)) : '';
}

export function money(m) {
  if (!m || m.amount === null || m.amount === undefined) return '';
  const amount = Number(m.amount);
  try {
    return new Intl.NumberFormat(undefined, {style: 'currency', currency: m.currency || 'USD'}).format(amount);
  } catch {
    return `${m.amount} ${m.currency || ''}`.trim();
  }
}

/** A table in a horizontally scrolling box, so narrow screens scroll it instead of the page. */
export function table(caption, headers, rows, attrs) {
  return h('div', {class: 'table-wrap'},
    h('table', attrs || {},
      caption ? h('caption', {}, caption) : null,
      h('thead', {}, h('tr', {}, headers.map(hd => h('th', {scope: 'col', class: hd.num ? 'num' : null}, hd.label ?? hd)))),
      h('tbody', {}, rows)));
}
