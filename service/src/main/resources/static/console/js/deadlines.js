// TikTok's deadline on an open return (past it, TikTok decides by itself): how long is left, in words,
// in red once it has passed, amber within a day.
import {h} from './dom.js';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "2 d 3 h", "3 h 12 min", "5 min", "under a minute". */
function span(ms) {
  if (ms < MINUTE) return 'under a minute';
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  if (days) return `${days} d${hours ? ` ${hours} h` : ''}`;
  if (hours) return `${hours} h${minutes ? ` ${minutes} min` : ''}`;
  return `${minutes} min`;
}

/** The time left until {@code iso}, or how long ago it passed; '' without a deadline. */
export function timeLeft(iso, now = Date.now()) {
  if (!iso) return '';
  const left = new Date(iso).getTime() - now;
  const tone = left < 0 ? 'overdue' : left < DAY ? 'soon' : 'later';
  return h('time', {class: 'deadline ' + tone, datetime: iso, title: new Date(iso).toLocaleString()},
    left < 0 ? `Overdue by ${span(-left)}` : `${span(left)} left`);
}
