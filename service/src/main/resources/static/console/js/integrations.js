// Integrations: the TikTok Shop card (connect, connected shops and their tokens), Redo return labels,
// the WMS/3PL targets the merchant's operator turned on, and the merchant's notification webhook.
import {api} from './api.js';
import {h, fill, badge, time, table} from './dom.js';
import {statusBadge} from './labels.js';
import {notificationsCard} from './notifications.js';
import {deadlinePolicyCard} from './deadline-policy.js';

const SOON = 7 * 24 * 3600 * 1000; // a refresh token expiring within a week needs the seller soon

export function integrationsPage(main, ctx) {
  const merchant = encodeURIComponent(ctx.session.merchantId);
  const shopsBox = h('div', {}, h('p', {class: 'muted'}, 'Loading shops…'));
  const connectError = h('p', {class: 'inline-error', role: 'alert', hidden: true});
  const connect = h('button', {type: 'button', id: 'connect-tiktok'}, 'Connect a TikTok shop');
  const labelsBox = h('div', {}, h('p', {class: 'muted'}, 'Loading…'));
  const wmsBox = h('div', {}, h('p', {class: 'muted'}, 'Loading…'));

  connect.addEventListener('click', async () => {
    connect.disabled = true;
    connectError.hidden = true;
    try {
      const {authorizeUrl} = await api(`/api/merchants/${merchant}/tiktok/connect`, {method: 'POST', withCookies: true});
      // TikTok's page asks the seller to authorize, then comes back to this service's callback.
      location.assign(authorizeUrl);
    } catch (e) {
      connectError.textContent = e.message;
      connectError.hidden = false;
      connect.disabled = false;
    }
  });

  main.append(
    h('h1', {}, 'Integrations'),
    h('div', {class: 'grid'},
      h('section', {class: 'card wide', 'aria-labelledby': 'tiktok-title'},
        h('h2', {id: 'tiktok-title'}, 'TikTok Shop'),
        h('p', {}, 'Returns that buyers ask for on TikTok arrive here, matched to the Shopify order TikTok created. ',
          'Connecting sends you to TikTok to authorize this app for your shop.'),
        connect, connectError,
        h('h3', {}, 'Connected shops'),
        shopsBox),
      h('section', {class: 'card', 'aria-labelledby': 'labels-title'},
        h('h2', {id: 'labels-title'}, 'Return labels'),
        labelsBox),
      h('section', {class: 'card', 'aria-labelledby': 'wms-title'},
        h('h2', {id: 'wms-title'}, 'WMS and 3PL targets'),
        wmsBox),
      notificationsCard(merchant),
      deadlinePolicyCard(merchant)));

  loadShops(merchant, shopsBox, ctx);
  loadProfile(merchant, labelsBox, wmsBox, ctx);
}

async function loadShops(merchant, box, ctx) {
  try {
    const shops = await api(`/api/merchants/${merchant}/tiktok/shops`);
    if (!shops.length) {
      fill(box, h('p', {}, 'No TikTok shop is connected yet. Connect one to receive its returns.'));
      return;
    }
    fill(box, table(null,
      ['Shop', 'Status', 'Access token expires', 'Authorization expires'],
      shops.map(shop => h('tr', {'data-shop-id': shop.id},
        h('td', {}, h('div', {}, shop.name || 'Unnamed shop'),
          h('div', {class: 'mono muted'}, shop.id), shop.region ? h('div', {class: 'muted'}, shop.region) : null),
        h('td', {}, statusBadge(shop.status, shop.status === 'CONNECTED' ? 'Connected'
            : shop.status === 'RECONNECT_NEEDED' ? 'Reconnect needed (its work waits)' : 'Disconnected'),
          shop.statusReason ? h('div', {class: 'detail'}, shop.statusReason) : null),
        h('td', {}, shop.accessTokenExpiresAt
          ? [time(shop.accessTokenExpiresAt), h('div', {class: 'detail'}, 'renewed automatically before it expires')]
          : h('div', {class: 'detail'}, 'none kept: the seller deauthorized the app')),
        h('td', {}, time(shop.refreshTokenExpiresAt), ' ', expiry(shop))))));
  } catch (e) {
    fill(box, h('p', {class: 'inline-error'}, e.message));
  }
}

/** Disconnected and expiring shops say so plainly, with what to do. */
function expiry(shop) {
  if (shop.status === 'DISCONNECTED' || shop.status === 'RECONNECT_NEEDED') {
    return h('div', {}, badge('Reconnect needed', 'bad'));
  }
  const until = shop.refreshTokenExpiresAt ? new Date(shop.refreshTokenExpiresAt) - Date.now() : null;
  if (until !== null && until <= 0) {
    return h('div', {}, badge('Expired: connect again', 'bad'));
  }
  if (shop.authorizationExpiringAt || (until !== null && until < SOON)) {
    return h('div', {}, badge('Expiring soon: connect again', 'warn'));
  }
  return null;
}

async function loadProfile(merchant, labelsBox, wmsBox, ctx) {
  let profile;
  try {
    profile = await api(`/api/merchants/${merchant}`);
  } catch (e) {
    fill(labelsBox, h('p', {class: 'inline-error'}, e.message));
    fill(wmsBox);
    return;
  }
  renderLabels(merchant, profile, labelsBox);
  fill(wmsBox,
    h('ul', {}, profile.wmsTargets.map(t => h('li', {'data-target': t.target},
      h('strong', {}, t.displayName || t.target), ' ',
      t.enabled ? badge('Enabled', 'ok') : badge('Off')))),
    h('p', {class: 'hint'}, 'Each enabled target gets a Return Authorization for every return. ',
      'Your operator turns targets on and keeps their credentials.'));
}

function renderLabels(merchant, profile, box) {
  const status = h('p', {class: 'hint', role: 'status'});
  const checkbox = h('input', {type: 'checkbox', id: 'use-redo-labels', checked: profile.returns.useRedoReturnLabels});
  const address = profile.returns.returnAddress;
  checkbox.addEventListener('change', async () => {
    const wanted = checkbox.checked;
    checkbox.disabled = true;
    status.className = 'hint';
    status.textContent = 'Saving…';
    try {
      const saved = await api(`/api/merchants/${merchant}/returns`, {method: 'PATCH', body: {useRedoReturnLabels: wanted}});
      checkbox.checked = saved.returns.useRedoReturnLabels;
      status.className = 'inline-ok';
      status.textContent = saved.returns.useRedoReturnLabels ? 'Saved: return labels are on.' : 'Saved: return labels are off.';
    } catch (e) {
      checkbox.checked = !wanted;
      status.className = 'inline-error';
      status.textContent = e.message;
    } finally {
      checkbox.disabled = false;
    }
  });
  fill(box,
    h('label', {class: 'check', for: 'use-redo-labels'}, checkbox, 'Use Redo Return Labels'),
    h('p', {class: 'hint'}, 'When a buyer has to send items back, the service buys a return label and gives it to TikTok for the buyer.'),
    address
      ? h('p', {}, 'Parcels go to: ', [address.name, address.line1, address.line2, address.city, address.province, address.zip, address.country]
        .filter(Boolean).join(', '))
      : h('p', {class: 'muted'}, 'No return address is set yet; labels need one. Your operator sets it.'),
    status);
}
