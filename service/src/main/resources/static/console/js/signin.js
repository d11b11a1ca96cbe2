// Sign-in with a merchant API key or the admin token. The field has no name, so even without
// JavaScript the browser would never put it in a URL; the key goes to sessionStorage only.
import {api, session} from './api.js';
import {h} from './dom.js';

export function signInPage(main, ctx) {
  const input = h('input', {
    id: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'off',
    'aria-describedby': 'token-help', required: true,
  });
  const button = h('button', {type: 'submit'}, 'Sign in');
  const form = h('form', {class: 'card narrow', 'aria-labelledby': 'signin-title'},
    h('h1', {id: 'signin-title'}, 'Sign in'),
    h('div', {class: 'field'},
      h('label', {for: 'token'}, 'API key or admin token'),
      input,
      h('p', {id: 'token-help', class: 'hint'},
        'A merchant API key opens your returns and integrations; the admin token opens the operator pages. ',
        'It is kept in this browser tab only and forgotten when the tab closes or you sign out.')),
    button);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const token = input.value.trim();
    if (!token) {
      ctx.fail('Paste your API key or the admin token first.');
      input.focus();
      return;
    }
    button.disabled = true;
    ctx.fail(null);
    try {
      const me = await api('/api/me', {token});
      input.value = '';
      session.set({token, role: me.role, merchantId: me.merchantId});
      ctx.signedIn();
    } catch (e) {
      ctx.fail(e.status === 401 ? 'That key or token was not accepted. Check it and try again.' : e);
      input.focus();
    } finally {
      button.disabled = false;
    }
  });
  main.append(form);
}
