// The buyer's evidence on a return (what TikTok's records hold): read when the page opens and on
// demand, not polled, since each read is a call to TikTok. Photos show as thumbnails linking to the
// original; the page's Content-Security-Policy allows images only from TikTok's media hosts.
import {api} from './api.js';
import {h, fill, time} from './dom.js';

export function evidenceSection(base) {
  const box = h('section', {class: 'card', 'aria-labelledby': 'evidence-title', id: 'evidence'});

  async function load() {
    fill(box, h('h2', {id: 'evidence-title'}, 'Buyer\'s evidence'), h('p', {class: 'muted'}, 'Asking TikTok…'));
    try {
      render((await api(base + '/evidence')).records);
    } catch (e) {
      fill(box, h('h2', {id: 'evidence-title'}, 'Buyer\'s evidence'),
        h('p', {class: 'muted', id: 'evidence-error'}, e.message), reload());
    }
  }

  function reload() {
    return h('button', {type: 'button', class: 'secondary', id: 'evidence-reload', onclick: load}, 'Ask TikTok again');
  }

  function render(records) {
    fill(box, h('h2', {id: 'evidence-title'}, 'Buyer\'s evidence'),
      records.length
        ? h('ol', {class: 'history'}, records.map(r => h('li', {'data-event': r.event},
          h('div', {class: 'when'}, time(r.at), ' · ', r.role || '', r.description ? ' · ' + r.description : ''),
          r.reason ? h('div', {}, 'Reason: ', r.reason) : null,
          r.note ? h('div', {class: 'evidence-note'}, r.note) : null,
          r.images.length || r.videos.length
            ? h('div', {class: 'thumbs'},
              r.images.map((img, i) => h('a', {href: img.url, target: '_blank', rel: 'noopener noreferrer'},
                h('img', {src: img.url, alt: `Buyer's photo ${i + 1}`, class: 'thumb', loading: 'lazy'}))),
              r.videos.map((v, i) => h('a', {href: v.url, target: '_blank', rel: 'noopener noreferrer', class: 'video-link'},
                v.coverUrl ? h('img', {src: v.coverUrl, alt: `Buyer's video ${i + 1}`, class: 'thumb', loading: 'lazy'})
                  : `Buyer's video ${i + 1}`)))
            : null)))
        : h('p', {class: 'muted'}, 'TikTok holds no evidence for this return.'),
      reload());
  }

  load();
  return box;
}
