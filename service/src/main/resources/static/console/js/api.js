// The service's public HTTP API, with the signed-in key kept for this tab only (sessionStorage).
// The key travels in the Authorization header and nowhere else: never in a URL, a cookie or the page.

const STORE = 'returnflow.console.session';

export const session = {
  /** {token, role: 'MERCHANT'|'ADMIN', merchantId} or null */
  get() {
    try {
      return JSON.parse(sessionStorage.getItem(STORE));
    } catch {
      return null;
    }
  },
  set(value) {
    sessionStorage.setItem(STORE, JSON.stringify(value));
  },
  clear() {
    sessionStorage.removeItem(STORE);
  },
};

/** A failed call, its message already in words for a person. */
export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

/**
 * @param path  a path of this server
 * @param opts  {method, body (sent as JSON), token (instead of the session's), auth: false for none,
 *               withCookies: true to take the cookie an answer sets (TikTok's connect binds its
 *               callback to this browser with one); the key itself never goes in a cookie}
 */
export async function api(path, opts = {}) {
  const headers = {Accept: 'application/json'};
  const token = opts.auth === false ? null : (opts.token ?? session.get()?.token);
  if (token) headers.Authorization = 'Bearer ' + token;
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method: opts.method || 'GET',
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      cache: 'no-store',
      credentials: opts.withCookies ? 'same-origin' : 'omit',
      redirect: 'error',
    });
  } catch {
    throw new ApiError('The service could not be reached. Check that it is running and try again.', 0);
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (response.ok) {
    return data;
  }
  if (response.status === 401 && !opts.token && token) {
    window.dispatchEvent(new CustomEvent('console:unauthorized'));
  }
  throw new ApiError(inWords(response.status, data), response.status);
}

/** The API's own sentence ({"error": "..."}) in a sentence of ours; never the raw body. */
function inWords(status, data) {
  const said = data && typeof data.error === 'string' && data.error.length < 600 && !/^[A-Z][a-z]+( [A-Z][a-z]+)*$/.test(data.error)
    ? data.error.replace(/[.\s]+$/, '') : null;
  const because = said ? `: ${said}.` : '.';
  switch (status) {
    case 400: return `The service did not accept this${because}`;
    case 401: return 'Your key or token was not accepted. Sign in again.';
    case 403: return 'Your key or token may not do that. Operator pages need the admin token.';
    case 404: return `Not found${because}`;
    case 409: return `Not possible right now${because}`;
    case 502: return `A partner refused the call${because}`;
    case 503: return `Not available right now${because} Try again shortly.`;
    default:
      return status >= 500
        ? `The service had a problem (HTTP ${status}). Try again in a moment.`
        : `The request failed (HTTP ${status})${because}`;
  }
}
