// The merchant's notification webhook on the Integrations page: where notices go (a Slack incoming
// webhook URL, say), and the signing secret, shown once when it is made and never again.
import {api} from './api.js';
import {h, fill} from './dom.js';

export function notificationsCard(merchant) {
  const box = h('section', {class: 'card', 'aria-labelledby': 'notifications-title', id: 'notifications'});
  const url = h('input', {type: 'url', id: 'notifications-url', placeholder: 'https://hooks.slack.com/services/…', autocomplete: 'off'});
  const save = h('button', {type: 'submit', id: 'notifications-save'}, 'Save');
  const status = h('p', {class: 'hint', role: 'status', id: 'notifications-status'});
  const secretBox = h('div', {id: 'notifications-secret', hidden: true});
  const form = h('form', {}, h('div', {class: 'field'}, h('label', {for: 'notifications-url'}, 'Webhook URL'), url), save);

  form.addEventListener('submit', async event => {
    event.preventDefault();
    save.disabled = true;
    status.className = 'hint';
    status.textContent = 'Saving…';
    try {
      const saved = await api(`/api/merchants/${merchant}/notifications`, {method: 'PUT', body: {webhookUrl: url.value.trim()}});
      status.className = 'inline-ok';
      status.textContent = 'Saved: notices go to this URL.';
      if (saved.signingSecret) {
        // shown once: the service keeps it sealed and never shows it again
        fill(secretBox, h('p', {}, 'Signing secret (copy it now, it is not shown again): '),
          h('p', {class: 'mono'}, h('code', {}, saved.signingSecret)));
        secretBox.hidden = false;
      }
    } catch (e) {
      status.className = 'inline-error';
      status.textContent = e.message;
    } finally {
      save.disabled = false;
    }
  });

  fill(box, h('h2', {id: 'notifications-title'}, 'Notifications'),
    h('p', {class: 'hint'}, 'A message when a decision does not reach TikTok, or a Return Authorization or label fails. ',
      'Slack incoming webhooks take it as it is; each message is signed with your secret.'),
    form, status, secretBox);
  api(`/api/merchants/${merchant}/notifications`)
    .then(current => { url.value = current.webhookUrl; })
    .catch(() => { /* none set yet (404): the field stays empty */ });
  return box;
}
