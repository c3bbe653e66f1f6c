import type { Api } from './api.js';
import { CXoneWfmException, errorFromResponse } from './errors.js';
import { parseRetryAfter, retryDelayMs } from './retry-policy.js';

/** GET with bounded retries (5 attempts), for `details()` and `connection()`. */
export async function getWithRetries(api: Api, path: string): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await api('GET', path);
      if (res.status === 200) return JSON.parse(res.text);
      const e = errorFromResponse(res.status, res.text);
      if (!e.retryable || attempt >= 5) throw e;
      await new Promise((r) => setTimeout(r, retryDelayMs(attempt, parseRetryAfter(res.headers.get('retry-after')))));
    } catch (e) {
      if (!(e instanceof CXoneWfmException) || !e.retryable || attempt >= 5) throw e;
      await new Promise((r) => setTimeout(r, retryDelayMs(attempt, null)));
    }
  }
}
