// The console's one page: signs in, routes #/... to a page, shows messages. Pages get `ctx`.
import {api, session} from './api.js';
import {h, fill} from './dom.js';
import {signInPage} from './signin.js';
import {returnsPage} from './returns.js';
import {returnPage} from './return.js';
import {integrationsPage} from './integrations.js';
import {operatorPage} from './operator.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const alertBox = document.getElementById('alert');
const notice = document.getElementById('notice');

const MERCHANT_PAGES = [
  {path: /^\/returns\/([^/?]+)$/, page: returnPage},
  {path: /^\/returns$/, page: returnsPage, nav: 'Returns', href: '#/returns'},
  {path: /^\/integrations$/, page: integrationsPage, nav: 'Integrations', href: '#/integrations'},
];
const ADMIN_PAGES = [
  {path: /^\/operator$/, page: operatorPage, nav: 'Operator', href: '#/operator'},
];

let config = {simulatedPartners: false};
let leave = null; // the current page's clean-up (stops its polling)
let flash = {message: '', error: false}; // said on the next page shown

const ctx = {
  get session() {
    return session.get();
  },
  get config() {
    return config;
  },
  /** Shows another page; `message` is said once it is shown ({error: true} as an error). */
  go(hash, message, opts) {
    flash = {message: message || '', error: !!(opts && opts.error)};
    if (location.hash === hash) route();
    else location.hash = hash;
  },
  /** An error for the person, in words; null clears it. */
  fail(error) {
    const message = error === null || error === undefined ? '' : (error.message || String(error));
    alertBox.textContent = message;
    alertBox.hidden = !message;
  },
  say(message) {
    notice.textContent = message || '';
  },
  clearMessages() {
    ctx.fail(null);
    ctx.say('');
  },
  signedIn() {
    ctx.clearMessages();
    ctx.go(home());
  },
  /** Runs fn now and then every `ms` while the page is shown and the tab visible; answers the stop. */
  every(ms, fn) {
    let timer = null;
    let stopped = false;
    const tick = async () => {
      if (stopped) return;
      if (!document.hidden) {
        try {
          await fn();
        } catch (e) {
          ctx.fail(e);
        }
      }
      if (!stopped) timer = setTimeout(tick, ms);
    };
    tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  },
};

function home() {
  const s = session.get();
  if (!s) return '#/signin';
  return s.role === 'ADMIN' ? '#/operator' : '#/returns';
}

function pagesFor(s) {
  if (!s) return [];
  return s.role === 'ADMIN' ? ADMIN_PAGES : MERCHANT_PAGES;
}

function renderChrome(path) {
  const s = session.get();
  fill(nav, pagesFor(s).filter(p => p.nav).map(p => {
    const current = path === p.href.slice(1) || path.startsWith(p.href.slice(1) + '/');
    return h('a', {href: p.href, 'aria-current': current ? 'page' : null}, p.nav);
  }));
  if (s) {
    fill(who,
      h('span', {}, s.role === 'ADMIN' ? 'Operator' : `Merchant ${s.merchantId}`),
      h('button', {type: 'button', class: 'secondary', id: 'sign-out', onclick: signOut}, 'Sign out'));
  } else {
    fill(who);
  }
}

function signOut() {
  session.clear();
  ctx.go('#/signin', 'Signed out. The key was removed from this tab.');
}

async function route() {
  if (leave) {
    leave();
    leave = null;
  }
  const [path, query] = (location.hash.replace(/^#/, '') || '/').split('?');
  const params = new URLSearchParams(query || '');
  const s = session.get();
  renderChrome(path);
  if (!s) {
    if (path !== '/signin') {
      history.replaceState(null, '', '#/signin');
      renderChrome('/signin');
    }
    show(signInPage, [], params);
    return;
  }
  const match = pagesFor(s).map(p => ({p, m: p.path.exec(path)})).find(x => x.m);
  if (!match) {
    history.replaceState(null, '', home());
    route();
    return;
  }
  show(match.p.page, match.m.slice(1).map(decodeURIComponent), params);
}

function show(page, args, params) {
  fill(main);
  ctx.fail(flash.error ? flash.message : null);
  ctx.say(flash.error ? '' : flash.message);
  flash = {message: '', error: false};
  const cleanup = page(main, ctx, args, params);
  leave = typeof cleanup === 'function' ? cleanup : null;
  // Focus the new page's heading, so screen readers announce where they are.
  const heading = main.querySelector('h1');
  if (heading) {
    heading.tabIndex = -1;
    heading.focus({preventScroll: true});
    document.title = heading.textContent + ' · Returns console';
  }
}

window.addEventListener('hashchange', route);
window.addEventListener('console:unauthorized', () => {
  session.clear();
  ctx.go('#/signin', 'Your key or token was not accepted any more. Sign in again.', {error: true});
});
document.getElementById('skip').addEventListener('click', e => {
  e.preventDefault();
  main.focus();
});

async function start() {
  try {
    config = await api('/console/config', {auth: false});
  } catch (e) {
    ctx.fail(e);
  }
  route();
}

start();
