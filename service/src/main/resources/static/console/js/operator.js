// Operator: health at a glance (service, routes, partner circuit breakers) and the dead-letter
// queues: depth, messages with their reason and attempts, replay and delete.
import {api} from './api.js';
import {h, fill, badge, time, table} from './dom.js';
import {breakerBadge, statusBadge} from './labels.js';

export function operatorPage(main, ctx) {
  const glance = h('p', {id: 'glance', class: 'card'}, 'Loading…');
  const healthBox = h('section', {class: 'card', 'aria-labelledby': 'health-title', id: 'health'});
  const breakersBox = h('section', {class: 'card', 'aria-labelledby': 'breakers-title', id: 'breakers'});
  const routesBox = h('section', {class: 'card', 'aria-labelledby': 'routes-title', id: 'routes'});
  const dlqBox = h('section', {class: 'card', 'aria-labelledby': 'dlq-title', id: 'dlq'});
  const messagesBox = h('section', {class: 'card', 'aria-labelledby': 'messages-title', id: 'dlq-messages', hidden: true});
  let openQueue = null;
  let shown = {};

  main.append(h('h1', {}, 'Operator'), glance, healthBox, breakersBox, dlqBox, messagesBox, routesBox);

  /** Re-renders a box only when its data changed, so focus and reading are not disturbed. */
  function render(name, data, draw) {
    const fingerprint = JSON.stringify(data);
    if (shown[name] !== fingerprint) {
      shown[name] = fingerprint;
      draw(data);
    }
  }

  async function load() {
    const [health, breakers, routes, queues] = await Promise.all([
      api('/actuator/health').catch(e => (e.status === 503 ? {status: 'DOWN'} : Promise.reject(e))),
      api('/api/admin/circuit-breakers'),
      api('/api/admin/routes'),
      api('/api/admin/dlq'),
    ]);
    render('glance', [health.status, breakers, routes, queues], () => renderGlance(glance, health, breakers, routes, queues));
    render('health', health, data => renderHealth(healthBox, data));
    render('breakers', breakers, data => renderBreakers(breakersBox, data));
    render('routes', routes, data => renderRoutes(routesBox, data));
    render('queues', queues, data => renderQueues(dlqBox, data, showMessages));
    if (openQueue) {
      const messages = await api(`/api/admin/dlq/${encodeURIComponent(openQueue)}/messages?limit=200`);
      render('messages', [openQueue, messages], () => renderMessages(messagesBox, openQueue, messages, ctx, reload));
    }
  }

  function reload() {
    shown = {};
    return load().catch(e => ctx.fail(e));
  }

  function showMessages(queue) {
    openQueue = queue;
    messagesBox.hidden = false;
    shown.messages = null;
    reload().then(() => messagesBox.querySelector('h2')?.focus());
  }

  return ctx.every(5000, load);
}

/** One line: is anything wrong right now? */
function renderGlance(box, health, breakers, routes, queues) {
  const open = breakers.filter(b => b.state === 'OPEN').length;
  const testing = breakers.filter(b => b.state === 'HALF_OPEN').length;
  const stopped = routes.filter(r => r.status !== 'Started').length;
  const dead = queues.reduce((n, q) => n + q.depth, 0);
  fill(box,
    'Service ', statusBadge(health.status, health.status === 'UP' ? 'Up' : health.status), ' · ',
    open ? badge(`${open} partner breaker(s) open: calls refused`, 'bad')
      : testing ? badge(`${testing} partner breaker(s) half open: testing`, 'warn') : badge('All partners reachable', 'ok'), ' · ',
    stopped ? badge(`${stopped} route(s) not started`, 'bad') : badge('All routes started', 'ok'), ' · ',
    dead ? badge(`${dead} dead letter(s) waiting`, 'bad') : badge('No dead letters', 'ok'));
}

function renderHealth(box, health) {
  const components = Object.entries(health.components || {});
  fill(box,
    h('h2', {id: 'health-title'}, 'Service health'),
    h('p', {}, statusBadge(health.status, health.status === 'UP' ? 'Up' : health.status === 'DOWN' ? 'Down' : health.status)),
    components.length
      ? h('ul', {class: 'inline-list'}, components.map(([name, c]) => h('li', {}, name, ' ', statusBadge(c.status, c.status))))
      : null);
}

function renderBreakers(box, breakers) {
  fill(box,
    h('h2', {id: 'breakers-title'}, 'Partners (circuit breakers)'),
    breakers.length
      ? table(null, ['Partner', 'State', {label: 'Failure rate', num: true}, {label: 'Recent calls', num: true}, {label: 'Refused while open', num: true}],
        breakers.map(b => h('tr', {'data-breaker': b.name},
          h('td', {}, b.name),
          h('td', {}, breakerBadge(b.state)),
          h('td', {class: 'num'}, b.failureRate === null || b.failureRate === undefined ? '—' : `${Math.round(b.failureRate)} %`),
          h('td', {class: 'num'}, b.bufferedCalls),
          h('td', {class: 'num'}, b.notPermittedCalls))))
      : h('p', {class: 'muted'}, 'No partner has been called since the service started.'));
}

function renderRoutes(box, routes) {
  const failing = routes.filter(r => r.status !== 'Started' || r.exchangesFailed > 0).length;
  fill(box,
    h('h2', {id: 'routes-title'}, 'Routes'),
    h('p', {}, failing ? badge(`${failing} route(s) stopped or with failed exchanges`, 'warn') : badge('All routes started, none failing', 'ok')),
    table(null, ['Route', 'Status', {label: 'Exchanges', num: true}, {label: 'Failed', num: true},
      {label: 'Failures handled', num: true}, {label: 'In flight', num: true}, {label: 'Mean time', num: true}],
    routes.map(r => h('tr', {'data-route': r.routeId},
      h('td', {}, h('span', {class: 'mono'}, r.routeId), r.description ? h('div', {class: 'detail'}, r.description) : null),
      h('td', {}, statusBadge(r.status, r.status)),
      h('td', {class: 'num'}, r.exchangesTotal),
      h('td', {class: 'num'}, r.exchangesFailed > 0 ? badge(String(r.exchangesFailed), 'bad') : '0'),
      h('td', {class: 'num'}, r.failuresHandled),
      h('td', {class: 'num'}, r.exchangesInflight),
      h('td', {class: 'num'}, r.meanProcessingMs === null || r.meanProcessingMs === undefined ? '—'
        : `${r.meanProcessingMs.toFixed(r.meanProcessingMs < 10 ? 1 : 0)} ms`)))));
}

function renderQueues(box, queues, showMessages) {
  fill(box,
    h('h2', {id: 'dlq-title'}, 'Dead-letter queues'),
    queues.length
      ? table(null, ['Queue', {label: 'Messages', num: true}, ''],
        queues.map(q => h('tr', {'data-queue': q.queue},
          h('td', {class: 'mono'}, q.queue),
          h('td', {class: 'num'}, q.depth > 0 ? badge(String(q.depth), 'bad') : '0'),
          h('td', {}, q.depth === 0 ? h('span', {class: 'muted'}, 'empty') : h('button', {type: 'button', class: 'secondary',
            'aria-label': `Show the messages of ${q.queue}`, onclick: () => showMessages(q.queue)}, 'Show messages')))))
      : h('p', {class: 'muted'}, 'The broker has no dead-letter queue.'));
}

function renderMessages(box, queue, messages, ctx, reload) {
  const about = m => [m.properties?.TikTokShopId && `shop ${m.properties.TikTokShopId}`,
    m.properties?.TikTokReturnId && `TikTok return ${m.properties.TikTokReturnId}`].filter(Boolean).join(', ');

  async function act(action, m, button) {
    button.disabled = true;
    try {
      if (action === 'replay') {
        const result = await api(`/api/admin/dlq/${encodeURIComponent(queue)}/replay`, {method: 'POST', body: {ids: [m.id]}});
        ctx.say(result.replayed === 1
          ? `Message ${m.id} was put back on ${m.originalQueue || 'its queue'}.`
          : `Message ${m.id} was not replayed${result.skipped?.length ? ': ' + result.skipped[0].reason : ' (it is gone)'}.`);
      } else {
        if (!window.confirm(`Delete message ${m.id} for good? Its work will not be done.`)) {
          button.disabled = false;
          return;
        }
        await api(`/api/admin/dlq/${encodeURIComponent(queue)}/messages/${encodeURIComponent(m.id)}`, {method: 'DELETE'});
        ctx.say(`Message ${m.id} was deleted.`);
      }
    } catch (e) {
      ctx.fail(e);
    }
    await reload();
  }

  async function replayAll(button) {
    button.disabled = true;
    try {
      const result = await api(`/api/admin/dlq/${encodeURIComponent(queue)}/replay`, {method: 'POST', body: {all: true}});
      ctx.say(`${result.replayed} message(s) of ${queue} were put back on their queues.`);
    } catch (e) {
      ctx.fail(e);
    }
    await reload();
  }

  const replayAllButton = h('button', {type: 'button', id: 'replay-all', disabled: !messages.length}, 'Replay all');
  replayAllButton.addEventListener('click', () => replayAll(replayAllButton));
  fill(box,
    h('h2', {id: 'messages-title', tabindex: '-1'}, 'Messages of ', h('span', {class: 'mono'}, queue)),
    messages.length
      ? [h('p', {}, replayAllButton),
        table(null, ['Message', 'Failed on', 'Reason', {label: 'Attempts', num: true}, 'First failure', ''],
          messages.map(m => {
            const replay = h('button', {type: 'button', 'aria-label': `Replay message ${m.id}`}, 'Replay');
            const remove = h('button', {type: 'button', class: 'danger', 'aria-label': `Delete message ${m.id}`}, 'Delete');
            replay.addEventListener('click', () => act('replay', m, replay));
            remove.addEventListener('click', () => act('delete', m, remove));
            return h('tr', {'data-message-id': m.id, 'data-tiktok-return-id': m.properties?.TikTokReturnId || null},
              h('td', {}, h('span', {class: 'mono'}, m.id), about(m) ? h('div', {class: 'detail'}, about(m)) : null),
              h('td', {class: 'mono'}, m.originalQueue || 'unknown'),
              h('td', {}, m.failureReason || 'no reason recorded'),
              h('td', {class: 'num'}, m.attempts ?? '—'),
              h('td', {}, time(m.firstFailureTime)),
              h('td', {}, h('div', {class: 'row'}, replay, remove)));
          }))]
      : h('p', {class: 'muted'}, 'This queue is empty.'));
}
