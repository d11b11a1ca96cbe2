// One return: what TikTok says and waits for, the Shopify order, the items, the decision form, the
// buyer's evidence, then the sync, WMS and label states as they change (polled) and the return's history.
import {api} from './api.js';
import {h, fill, badge, time, money, table} from './dom.js';
import {NEXT_ACTIONS, typeLabel, kindBadge, stateBadge, statusBadge} from './labels.js';
import {evidenceSection} from './evidence.js';
import {timeLeft} from './deadlines.js';
import {policyPlan} from './deadline-policy.js';

const POLL = 2000;

export function returnPage(main, ctx, [returnId]) {
  const base = '/api/returns/' + encodeURIComponent(returnId);
  const header = h('div');
  const facts = h('div', {class: 'grid'});
  const itemsBox = h('section', {class: 'card', 'aria-labelledby': 'items-title'});
  const progress = h('section', {class: 'card', 'aria-labelledby': 'progress-title', 'aria-live': 'polite', id: 'progress'});
  const historyBox = h('section', {class: 'card', 'aria-labelledby': 'history-title'});
  let current = null; // the return as last shown
  let decidable = null; // the decision options the form was built for
  let historyShown = '';
  let minuteShown = null;

  main.append(
    h('p', {}, h('a', {href: '#/returns'}, '← All returns')),
    h('h1', {id: 'return-title'}, 'Return'),
    header, facts, itemsBox, evidenceSection(base), progress, historyBox);

  async function load() {
    const [ret, events] = await Promise.all([api(base), api(base + '/events?limit=200')]);
    const minute = Math.floor(Date.now() / 60000); // the deadline's time left moves on
    const changed = !current || minute !== minuteShown || current.updatedAt !== ret.updatedAt || current.sync.status !== ret.sync.status
      || JSON.stringify(current.wms) !== JSON.stringify(ret.wms) || JSON.stringify(current.label) !== JSON.stringify(ret.label);
    const decisionMoved = !current || current.state !== ret.state || current.sync.status !== ret.sync.status
      || current.tiktok.nextAction !== ret.tiktok.nextAction;
    current = ret;
    minuteShown = minute;
    if (changed) {
      renderHeader(ret);
      renderProgress(progress, ret);
    }
    if (decisionMoved) {
      decidable = await api(base + '/decision-options');
      renderItems(itemsBox, ret, decidable, base, ctx, shownAfterDecision);
    } else if (changed && decidable && !decidable.decidable) {
      renderItems(itemsBox, ret, decidable, base, ctx, shownAfterDecision);
    }
    const history = JSON.stringify(events.events);
    if (history !== historyShown) {
      historyShown = history;
      renderHistory(historyBox, events.events);
    }
  }

  function shownAfterDecision() {
    ctx.say('Decision recorded. It is being sent to TikTok; the sync state below follows it.');
    current = null;
    return load();
  }

  function renderHeader(ret) {
    const cancellation = ret.kind === 'CANCELLATION';
    fill(main.querySelector('#return-title'), cancellation ? 'Cancellation request ' : 'Return ',
      h('span', {class: 'mono'}, ret.tiktok.returnId));
    fill(header,
      h('p', {}, stateBadge(ret.state), ' ', cancellation ? [kindBadge(ret.kind), ' '] : null, typeLabel(ret.tiktok.returnType),
        ' · received ', time(ret.createdAt), ' · updated ', time(ret.updatedAt)),
      ret.attention ? h('p', {class: 'alert', role: 'note'}, 'Needs attention: ', ret.attention) : null);
    fill(facts,
      h('section', {class: 'card', 'aria-labelledby': 'tiktok-facts'},
        h('h2', {id: 'tiktok-facts'}, 'TikTok'),
        h('dl', {class: 'facts'},
          h('dt', {}, 'Type'), h('dd', {id: 'tiktok-type'}, typeLabel(ret.tiktok.returnType)),
          h('dt', {}, 'Status'), h('dd', {id: 'tiktok-status'}, h('span', {class: 'mono'}, ret.tiktok.status)),
          h('dt', {}, 'TikTok waits for'), h('dd', {id: 'tiktok-next'}, ret.tiktok.nextAction
            ? NEXT_ACTIONS[ret.tiktok.nextAction] || ret.tiktok.nextAction : 'Nothing from you'),
          ret.tiktok.deadline ? [h('dt', {}, 'Deadline'), h('dd', {id: 'tiktok-deadline'},
            time(ret.tiktok.deadline), ' · ', ret.state === 'OPEN' ? timeLeft(ret.tiktok.deadline)
              : 'your decision is recorded', h('div', {class: 'detail'},
              'Past it, TikTok decides by itself (', h('span', {class: 'mono'}, ret.tiktok.deadlineAction || ''), ').')),
            h('dt', {}, 'Deadline policy'), policyPlan(base)]
            : null,
          h('dt', {}, cancellation ? 'Cancel id' : 'Return id'), h('dd', {class: 'mono'}, ret.tiktok.returnId),
          h('dt', {}, 'Order id'), h('dd', {class: 'mono'}, ret.tiktok.orderId),
          h('dt', {}, 'Shop'), h('dd', {class: 'mono'}, ret.tiktok.shopId))),
      h('section', {class: 'card', 'aria-labelledby': 'shopify-facts'},
        h('h2', {id: 'shopify-facts'}, 'Shopify order'),
        ret.shopify
          ? h('dl', {class: 'facts'},
            h('dt', {}, 'Order'), h('dd', {id: 'shopify-order'}, ret.shopify.orderName || ''),
            h('dt', {}, 'Order id'), h('dd', {class: 'mono'}, ret.shopify.orderId))
          : h('p', {id: 'shopify-order'}, badge('Not matched yet', 'warn'),
            ' The Shopify order TikTok created was not found (yet).')));
  }

  return ctx.every(POLL, load);
}

function renderItems(box, ret, options, base, ctx, afterDecision) {
  const deciding = options.decidable;
  const rows = ret.items.map(item => {
    const cells = [
      h('td', {class: 'mono'}, item.sku),
      h('td', {}, item.productName || ''),
      h('td', {class: 'num'}, item.quantity),
      h('td', {class: 'num'}, money(item.refundAmount)),
      h('td', {}, item.matched ? badge('Matched', 'ok') : badge('Not matched', 'warn')),
      h('td', {}, decisionBadge(item.decision)),
    ];
    if (deciding) {
      const name = 'decide-' + item.id;
      cells.push(h('td', {},
        h('div', {class: 'choice', role: 'radiogroup', 'aria-label': `Decision for ${item.sku}`},
          h('label', {}, h('input', {type: 'radio', name, value: 'APPROVE', 'data-item-id': item.id}), 'Approve'),
          h('label', {}, h('input', {type: 'radio', name, value: 'REJECT', 'data-item-id': item.id}), 'Reject'))));
    }
    return h('tr', {'data-item-id': item.id, 'data-sku': item.sku}, cells);
  });
  const headers = ['SKU', 'Product', {label: 'Qty', num: true}, {label: 'Refund', num: true}, 'Shopify match', 'Decision'];
  if (deciding) headers.push('Your decision');
  const itemsTable = table(null, headers, rows, {id: 'items'});
  fill(box, h('h2', {id: 'items-title'}, 'Items'), deciding ? decisionForm(itemsTable, ret, options, base, ctx, afterDecision)
    : [itemsTable, options.notDecidable && ret.state === 'OPEN' ? h('p', {class: 'hint'}, options.notDecidable) : null]);
}

function decisionBadge(decision) {
  return {APPROVED: badge('Approved', 'ok'), REJECTED: badge('Rejected', 'bad')}[decision] || badge('Pending');
}

/** Approve or reject each item; the buyer may keep them only where TikTok allows; TikTok's reasons when all are rejected. */
function decisionForm(itemsTable, ret, options, base, ctx, afterDecision) {
  const returnless = options.returnless
    ? h('div', {class: 'field', id: 'returnless-field', hidden: true},
      h('label', {class: 'check'}, h('input', {type: 'checkbox', id: 'returnless'}), 'The buyer keeps the items (refund without a return)'))
    : null;
  const reasonSelect = h('select', {id: 'reject-reason', 'aria-describedby': 'reject-reason-hint'});
  const reasonField = h('div', {class: 'field', id: 'reject-reason-field', hidden: true},
    h('label', {for: 'reject-reason'}, 'Reason for TikTok'),
    reasonSelect,
    h('p', {class: 'hint', id: 'reject-reason-hint'}, 'Every item is rejected, so TikTok needs one of its reasons for this return.'));
  const comment = h('textarea', {id: 'comment', maxlength: '1000', rows: '3'});
  const error = h('p', {class: 'inline-error', role: 'alert', hidden: true, id: 'decision-error'});
  const send = h('button', {type: 'submit', id: 'send-decision'}, 'Send decision to TikTok');
  let reasonsLoaded = false;

  const choices = form => [...form.querySelectorAll('input[type=radio]:checked')];
  const form = h('form', {id: 'decision', 'aria-label': 'Decision on this return'},
    itemsTable,
    h('div', {class: 'row field'},
      h('button', {type: 'button', class: 'secondary', onclick: () => setAll('APPROVE')}, 'Approve all'),
      h('button', {type: 'button', class: 'secondary', onclick: () => setAll('REJECT')}, 'Reject all')),
    returnless,
    reasonField,
    h('div', {class: 'field'}, h('label', {for: 'comment'}, 'Comment (optional)'), comment),
    send, error);

  function setAll(value) {
    form.querySelectorAll(`input[type=radio][value=${value}]`).forEach(input => {
      input.checked = true;
    });
    update();
  }

  async function update() {
    const chosen = choices(form);
    const all = chosen.length === ret.items.length;
    const allRejected = all && chosen.every(c => c.value === 'REJECT');
    const anyApproved = chosen.some(c => c.value === 'APPROVE');
    if (returnless) returnless.hidden = !anyApproved;
    reasonField.hidden = !allRejected;
    if (allRejected && !reasonsLoaded) {
      reasonsLoaded = true;
      fill(reasonSelect, h('option', {value: ''}, 'Loading TikTok\'s reasons…'));
      try {
        const reasons = await api(base + '/reject-reasons');
        fill(reasonSelect, h('option', {value: ''}, 'Choose a reason'),
          reasons.map(r => h('option', {value: r.name}, r.text || r.name)));
      } catch (e) {
        reasonsLoaded = false;
        fill(reasonSelect, h('option', {value: ''}, 'Reasons could not be loaded'));
        showError(e.message);
      }
    }
  }

  function showError(message) {
    error.textContent = message;
    error.hidden = !message;
  }

  form.addEventListener('change', update);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    showError('');
    const chosen = choices(form);
    if (chosen.length !== ret.items.length) {
      showError('Choose approve or reject for every item.');
      return;
    }
    const allRejected = chosen.every(c => c.value === 'REJECT');
    if (allRejected && !reasonSelect.value) {
      showError('Choose TikTok\'s reason for rejecting.');
      reasonSelect.focus();
      return;
    }
    const body = {
      items: chosen.map(c => ({itemId: c.dataset.itemId, decision: c.value})),
      returnless: !allRejected && !!form.querySelector('#returnless')?.checked,
      rejectReason: allRejected ? reasonSelect.value : null,
      comment: comment.value.trim() || null,
    };
    send.disabled = true;
    try {
      const decided = await api(base + '/decision', {method: 'POST', body});
      await afterDecision(decided);
    } catch (e) {
      showError(e.message);
      send.disabled = false;
    }
  });
  return form;
}

function renderProgress(box, ret) {
  const sync = ret.sync;
  fill(box,
    h('h2', {id: 'progress-title'}, 'Progress'),
    h('dl', {class: 'facts'},
      h('dt', {}, 'Sync to TikTok'),
      h('dd', {id: 'sync-status', 'data-status': sync.status},
        statusBadge(sync.status, sync.status === 'NONE' ? 'Nothing to send yet' : null),
        sync.decision ? [' ', h('span', {class: 'mono'}, sync.decision)] : null,
        sync.error ? h('div', {class: 'detail'}, sync.error) : null,
        sync.reason ? h('div', {class: 'detail'}, sync.reason) : null),
      h('dt', {}, 'Return label'),
      h('dd', {id: 'label-status', 'data-status': ret.label ? ret.label.status : 'NONE'},
        ret.label
          ? [statusBadge(ret.label.status), ret.label.trackingNumber ? [' tracking ', h('span', {class: 'mono'}, ret.label.trackingNumber)] : null,
            ret.label.error ? h('div', {class: 'detail'}, ret.label.error) : null,
            ret.label.reason ? h('div', {class: 'detail'}, ret.label.reason) : null]
          : h('span', {class: 'muted'}, 'No label (labels are off, or TikTok has not approved the request yet)')),
      h('dt', {}, 'WMS and 3PL'),
      h('dd', {id: 'wms-status'}, ret.wms.length
        ? h('ul', {}, ret.wms.map(w => h('li', {'data-target': w.target, 'data-status': w.status},
          h('strong', {}, w.target), ' ', statusBadge(w.status),
          w.externalId ? [' ', h('span', {class: 'mono'}, w.externalId)] : null,
          w.error ? h('div', {class: 'detail'}, w.error) : null,
          w.outcome ? h('div', {class: 'detail', 'data-outcome': w.outcome.status},
            'Afterwards: ', w.outcome.status, w.outcome.detail ? ' (' + w.outcome.detail + ')' : '') : null)))
        : h('span', {class: 'muted'}, 'No target has taken it yet'))));
}

function renderHistory(box, events) {
  const newestFirst = [...events].reverse();
  fill(box,
    h('h2', {id: 'history-title'}, 'History'),
    newestFirst.length
      ? h('ol', {class: 'history', id: 'history', reversed: true}, newestFirst.map(e => h('li', {'data-kind': e.kind},
        h('div', {class: 'when'}, time(e.at), ' · ', kindLabel(e.kind)),
        h('div', {}, e.summary),
        e.partner ? h('div', {class: 'detail'}, `${e.partner} ${e.operation || ''} — ${e.outcome || ''}`,
          e.latencyMs !== undefined ? ` in ${e.latencyMs} ms` : '') : null,
        e.detail ? h('div', {class: 'detail'}, e.detail) : null)))
      : h('p', {class: 'muted'}, 'Nothing recorded yet.'));
}

function kindLabel(kind) {
  return (kind || '').charAt(0) + (kind || '').slice(1).toLowerCase().replaceAll('_', ' ');
}
