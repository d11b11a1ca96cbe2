// The merchant's deadline policy: its editor on the Integrations page (when to be warned before
// TikTok's deadline, and what to decide by itself some time before it), and on a return's page what
// the policy will do to it and when (GET /api/returns/{id}/deadline-policy).
import {api} from './api.js';
import {h, fill} from './dom.js';

export function deadlinePolicyCard(merchant) {
  const path = `/api/merchants/${merchant}/deadline-policy`;
  const box = h('section', {class: 'card', 'aria-labelledby': 'deadline-policy-title', id: 'deadline-policy'});
  const enabled = h('input', {type: 'checkbox', id: 'policy-enabled'});
  const warn = h('input', {type: 'text', id: 'policy-warn', placeholder: 'PT24H, PT4H', autocomplete: 'off'});
  const type = h('select', {id: 'policy-type'},
    h('option', {value: 'NONE'}, 'Nothing: TikTok decides at its deadline'),
    h('option', {value: 'APPROVE_UP_TO'}, 'Approve when the refund is at most…'),
    h('option', {value: 'REJECT'}, 'Reject with the reason…'));
  const before = h('input', {type: 'text', id: 'policy-before', placeholder: 'PT2H', autocomplete: 'off'});
  const amount = h('input', {type: 'text', id: 'policy-amount', placeholder: '50.00', inputmode: 'decimal'});
  const currency = h('input', {type: 'text', id: 'policy-currency', placeholder: 'USD', maxlength: 3});
  const reason = h('input', {type: 'text', id: 'policy-reason', placeholder: 'seller_reject_apply_no_evidence'});
  const save = h('button', {type: 'submit', id: 'policy-save'}, 'Save');
  const status = h('p', {class: 'hint', role: 'status', id: 'policy-status'});
  const field = (id, label, input) => h('div', {class: 'field'}, h('label', {for: id}, label), input);
  const approveFields = h('div', {}, field('policy-amount', 'Largest refund approved', amount),
    field('policy-currency', 'Currency', currency));
  const rejectFields = h('div', {}, field('policy-reason', 'TikTok reject reason', reason));
  const decisionFields = h('div', {}, field('policy-before', 'Decide this long before the deadline (ISO-8601)', before),
    approveFields, rejectFields);
  const show = () => {
    decisionFields.hidden = type.value === 'NONE';
    approveFields.hidden = type.value !== 'APPROVE_UP_TO';
    rejectFields.hidden = type.value !== 'REJECT';
  };
  type.addEventListener('change', show);

  const form = h('form', {},
    h('div', {class: 'field'}, h('label', {for: 'policy-enabled'}, enabled, ' Policy on')),
    field('policy-warn', 'Warn me this long before the deadline (ISO-8601, comma-separated)', warn),
    field('policy-type', 'Default decision', type), decisionFields, save);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    save.disabled = true;
    status.className = 'hint';
    status.textContent = 'Saving…';
    const decision = {type: type.value};
    if (type.value !== 'NONE') decision.before = before.value.trim();
    if (type.value === 'APPROVE_UP_TO') decision.maxRefund = {amount: amount.value.trim(), currency: currency.value.trim()};
    if (type.value === 'REJECT') decision.rejectReason = reason.value.trim();
    try {
      await api(path, {method: 'PUT', body: {enabled: enabled.checked,
        warnBefore: warn.value.split(',').map(w => w.trim()).filter(w => w), defaultDecision: decision}});
      status.className = 'inline-ok';
      status.textContent = enabled.checked ? 'Saved: the policy acts on your open returns.' : 'Saved: the policy is off.';
    } catch (e) {
      status.className = 'inline-error';
      status.textContent = e.message;
    } finally {
      save.disabled = false;
    }
  });

  fill(box, h('h2', {id: 'deadline-policy-title'}, 'Deadline policy'),
    h('p', {class: 'hint'}, 'Be warned before TikTok\'s deadline on a return, and let your own rule decide some time before it, ',
      'instead of TikTok\'s. A decision you take first always wins.'),
    form, status);
  api(path).then(current => {
    enabled.checked = current.enabled;
    warn.value = (current.warnBefore || []).join(', ');
    const d = current.defaultDecision || {type: 'NONE'};
    type.value = d.type;
    before.value = d.before || '';
    amount.value = d.maxRefund ? d.maxRefund.amount : '';
    currency.value = d.maxRefund ? d.maxRefund.currency : '';
    reason.value = d.rejectReason || '';
    show();
  }).catch(e => { status.className = 'inline-error'; status.textContent = e.message; });
  show();
  return box;
}

/** The return's plan: one sentence, then each warning's time and state. */
export function policyPlan(base) {
  const dd = h('dd', {id: 'policy-plan'}, '…');
  api(base + '/deadline-policy').then(plan => {
    const warnings = plan.enabled ? plan.warnings.map(w => h('li', {}, 'Warning ', h('span', {class: 'mono'}, w.before),
      ' before: ', w.status === 'SENT' ? 'sent' : w.status === 'DUE' ? 'due now' : 'at ' + new Date(w.at).toLocaleString())) : [];
    fill(dd, plan.summary, warnings.length ? h('ul', {class: 'detail'}, ...warnings) : null);
  }).catch(e => fill(dd, e.message));
  return dd;
}
