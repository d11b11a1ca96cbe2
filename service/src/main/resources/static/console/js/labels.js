// What the API's codes mean, in the words the pages use.
import {badge} from './dom.js';

export const RETURN_TYPES = {
  REFUND: 'Refund only',
  RETURN_AND_REFUND: 'Return and refund',
  REPLACEMENT: 'Replacement',
};

/** A cancellation request's cancel_type: its buyer's, or the seller's or TikTok's own. */
const CANCEL_TYPES = {
  BUYER_CANCEL: 'Cancellation by the buyer',
  CANCEL: 'Cancellation by the seller or TikTok',
};

export const STATES = {
  OPEN: 'Open',
  APPROVED: 'Approved',
  PARTIALLY_APPROVED: 'Partially approved',
  REJECTED: 'Rejected',
  CANCELLED: 'Cancelled',
  COMPLETED: 'Completed',
};

export const NEXT_ACTIONS = {
  RESPOND_REQUEST: 'Your answer to the buyer\'s request',
  CONFIRM_RECEIPT: 'Your check of the returned package: approve or reject what arrived',
};

const TONES = {
  OPEN: 'warn', APPROVED: 'ok', PARTIALLY_APPROVED: 'ok', REJECTED: 'bad', CANCELLED: null, COMPLETED: 'ok',
  PENDING: 'info', SYNCED: 'ok', FAILED: 'bad', NONE: null, CREATED: 'ok', SKIPPED: null,
  PURCHASED: 'info', UPLOADED: 'ok', NOT_NEEDED: null, REFUNDED: null, CONNECTED: 'ok', DISCONNECTED: 'bad', RECONNECT_NEEDED: 'bad',
  CLOSED: 'ok', OPEN_BREAKER: 'bad', HALF_OPEN: 'warn', UP: 'ok', DOWN: 'bad', Started: 'ok',
};

export function typeLabel(type) {
  return RETURN_TYPES[type] || CANCEL_TYPES[type] || type || '';
}

/** A buyer's cancellation request (an order cancelled before it ships) stands out among the returns; a return has no badge. */
export function kindBadge(kind) {
  return kind === 'CANCELLATION' ? badge('Cancellation request', 'info') : null;
}

export function stateBadge(state) {
  return badge(STATES[state] || state, TONES[state]);
}

/** A status of sync, WMS, label...: its name in words, coloured by how it went. */
export function statusBadge(status, words) {
  return badge(words || (status ? status.charAt(0) + status.slice(1).toLowerCase().replaceAll('_', ' ') : 'None'), TONES[status]);
}

export function breakerBadge(state) {
  const words = {CLOSED: 'Closed (calls flow)', OPEN: 'Open (calls refused)', HALF_OPEN: 'Half open (testing)'};
  return badge(words[state] || state, TONES[state === 'OPEN' ? 'OPEN_BREAKER' : state]);
}
