// The returns list: newest first, filtered by state or "needs attention" (or the open returns due within
// 24 h, soonest deadline first), searched by TikTok return or order id, paged with the API's cursor;
// each open return's time left before TikTok decides by itself; the counts needing attention, due
// and overdue; the sandbox's simulate control.
import {api} from './api.js';
import {h, fill, time, table} from './dom.js';
import {STATES, RETURN_TYPES, typeLabel, kindBadge, stateBadge, statusBadge} from './labels.js';
import {timeLeft} from './deadlines.js';

const PAGE = 20;
const ATTENTION = 'ATTENTION';
const DUE = 'DUE_24H';

export function returnsPage(main, ctx, args, params) {
  const filter = {state: params.get('state') || '', q: params.get('q') || ''};
  const cursors = [null]; // cursors[i] opens page i
  let pageIndex = 0;
  let shown = '';

  const attention = h('p', {class: 'attention', id: 'attention-count'}, ' ');
  const listBox = h('div', {id: 'returns-list', 'aria-live': 'polite', 'aria-busy': 'true'});
  const newer = h('button', {type: 'button', class: 'secondary', disabled: true}, 'Newer');
  const older = h('button', {type: 'button', class: 'secondary', disabled: true}, 'Older');
  const pageLabel = h('span', {class: 'muted'});

  const stateSelect = h('select', {id: 'filter-state'},
    h('option', {value: ''}, 'All returns'),
    h('option', {value: ATTENTION}, 'Needs attention'),
    h('option', {value: DUE}, 'Due within 24 h'),
    Object.entries(STATES).map(([value, label]) => h('option', {value}, label)));
  stateSelect.value = filter.state;
  const search = h('input', {type: 'search', id: 'filter-q', value: filter.q, placeholder: 'e.g. 4035318', autocomplete: 'off'});
  const filterForm = h('form', {class: 'card row', role: 'search', 'aria-label': 'Filter returns'},
    h('div', {}, h('label', {for: 'filter-state'}, 'Show'), stateSelect),
    h('div', {}, h('label', {for: 'filter-q'}, 'TikTok return or order id'), search),
    h('button', {type: 'submit'}, 'Apply'),
    h('button', {type: 'button', class: 'secondary', onclick: () => ctx.go('#/returns')}, 'Clear'));
  filterForm.addEventListener('submit', event => {
    event.preventDefault();
    const p = new URLSearchParams();
    if (stateSelect.value) p.set('state', stateSelect.value);
    if (search.value.trim()) p.set('q', search.value.trim());
    const q = p.toString();
    ctx.go('#/returns' + (q ? '?' + q : ''));
  });

  main.append(
    h('h1', {}, 'Returns'),
    attention,
    ctx.config.simulatedPartners ? simulateCard(ctx, () => refresh()) : null,
    filterForm,
    listBox,
    h('nav', {class: 'pager', 'aria-label': 'Pages of returns'}, newer, pageLabel, older));

  newer.addEventListener('click', () => {
    pageIndex = Math.max(0, pageIndex - 1);
    load(true);
  });
  older.addEventListener('click', () => {
    pageIndex += 1;
    load(true);
  });

  async function load(force) {
    const p = new URLSearchParams({limit: String(PAGE)});
    if (filter.state === ATTENTION) p.set('needsAttention', 'true');
    else if (filter.state === DUE) p.set('dueWithin', 'PT24H');
    else if (filter.state) p.set('state', filter.state);
    if (filter.q) p.set('q', filter.q);
    if (cursors[pageIndex]) p.set('cursor', cursors[pageIndex]);
    const [page, summary] = await Promise.all([api('/api/returns?' + p), api('/api/returns/summary')]);
    cursors[pageIndex + 1] = page.nextCursor;
    const count = summary.needsAttention;
    fill(attention, count === 0 ? 'No return needs attention.' : h('a', {href: '#/returns?state=' + ATTENTION},
      count === 1 ? '1 return needs attention' : `${count} returns need attention`),
    summary.dueWithin24h || summary.overdue ? [' · ', h('a', {href: '#/returns?state=' + DUE, id: 'due-count'},
      `${summary.dueWithin24h} due within 24 h`, summary.overdue ? h('span', {class: 'deadline overdue'},
        `, ${summary.overdue} overdue`) : null)] : null);
    // the minute too: the time left before each deadline moves on
    const fingerprint = JSON.stringify(page) + pageIndex + Math.floor(Date.now() / 60000);
    if (force || fingerprint !== shown) {
      shown = fingerprint;
      renderList(listBox, page.returns, filter);
    }
    listBox.setAttribute('aria-busy', 'false');
    newer.disabled = pageIndex === 0;
    older.disabled = !page.nextCursor;
    pageLabel.textContent = `Page ${pageIndex + 1}`;
  }

  const refresh = () => load(false).catch(e => ctx.fail(e));
  // New returns arrive on their own: the first page looks again every few seconds.
  return ctx.every(5000, () => (pageIndex === 0 ? load(false) : Promise.resolve()));
}

function renderList(box, returns, filter) {
  if (!returns.length) {
    fill(box, h('p', {class: 'card'}, filter.state || filter.q ? 'No return matches this filter.' : 'No returns yet.'));
    return;
  }
  fill(box, table(null,
    ['Received', 'TikTok return', 'TikTok order', 'Type', 'State', 'TikTok decides in', 'Sync to TikTok', {label: 'Items', num: true}],
    returns.map(r => h('tr', {'data-return-id': r.id, 'data-tiktok-return-id': r.tiktok.returnId},
      h('td', {}, time(r.createdAt)),
      h('td', {}, h('a', {href: '#/returns/' + encodeURIComponent(r.id), class: 'mono'}, r.tiktok.returnId)),
      h('td', {class: 'mono'}, r.tiktok.orderId),
      h('td', {class: 'kind-cell'}, kindBadge(r.kind), r.kind === 'CANCELLATION' ? ' ' : null, typeLabel(r.tiktok.returnType)),
      h('td', {}, stateBadge(r.state), r.attention ? h('div', {class: 'detail'}, r.attention) : null),
      h('td', {class: 'deadline-cell'}, r.state === 'OPEN' ? timeLeft(r.tiktok.deadline) : ''),
      h('td', {}, statusBadge(r.sync.status, r.sync.status === 'NONE' ? 'Not decided' : null)),
      h('td', {class: 'num'}, r.items.reduce((n, i) => n + i.quantity, 0))))));
}

/** Only where simulated partners answer (app.simulated-partners): the simulated TikTok's buyer asks for a return of the merchant's connected shop. */
function simulateCard(ctx, refresh) {
  const type = h('select', {id: 'simulate-type'},
    Object.entries(RETURN_TYPES).map(([value, label]) => h('option', {value}, label)));
  type.value = 'RETURN_AND_REFUND';
  const items = h('select', {id: 'simulate-items'}, [1, 2, 3, 4].map(n => h('option', {value: String(n)}, String(n))));
  items.value = '2';
  const button = h('button', {type: 'submit', id: 'simulate'}, 'Simulate');
  const status = h('p', {class: 'hint', role: 'status', id: 'simulate-status'});
  const form = h('form', {class: 'card', 'aria-labelledby': 'simulate-title'},
    h('h2', {id: 'simulate-title'}, 'Simulate a TikTok return'),
    h('p', {class: 'hint'}, 'Sandbox only: a buyer of your connected shop asks for a return, and TikTok sends its webhook here.'),
    h('div', {class: 'row'},
      h('div', {}, h('label', {for: 'simulate-type'}, 'Kind of return'), type),
      h('div', {}, h('label', {for: 'simulate-items'}, 'Items'), items),
      button),
    status);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    button.disabled = true;
    status.className = 'hint';
    try {
      const shops = await api(`/api/merchants/${encodeURIComponent(ctx.session.merchantId)}/tiktok/shops`);
      const shop = shops.find(s => s.status === 'CONNECTED');
      if (!shop) {
        status.className = 'inline-error';
        fill(status, 'Connect a TikTok shop first, on ', h('a', {href: '#/integrations'}, 'Integrations'), '.');
        return;
      }
      const created = await api('/sandbox/tiktok/returns', {
        method: 'POST', auth: false,
        body: {returnType: type.value, items: Number(items.value), shopId: shop.id},
      });
      status.textContent = `TikTok return ${created.returnId} was created; waiting for it to arrive…`;
      const arrived = await waitFor(created.returnId);
      status.className = arrived ? 'inline-ok' : 'inline-error';
      status.textContent = arrived
        ? `TikTok return ${created.returnId} arrived.`
        : `TikTok return ${created.returnId} has not arrived yet. It may still be waiting for its Shopify order; look again shortly.`;
      refresh();
    } catch (e) {
      status.className = 'inline-error';
      status.textContent = e.message;
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

async function waitFor(tiktokReturnId) {
  const until = Date.now() + 30000;
  while (Date.now() < until) {
    const page = await api('/api/returns?limit=1&q=' + encodeURIComponent(tiktokReturnId));
    if (page.returns.length) return true;
    await new Promise(resolve => setTimeout(resolve, 700));
  }
  return false;
}
