/**
 * Wait before attempt `attempt` (1-based retry count): full jitter in [0, min(cap, base × 2^attempt)];
 * with a `Retry-After` of n seconds, exactly n s plus 0–250 ms (spec §5.6).
 */
export function retryDelayMs(attempt: number, retryAfterS: number | null, random: () => number = Math.random, baseMs = 500, capMs = 60_000): number {
  if (retryAfterS !== null) return retryAfterS * 1000 + Math.floor(random() * 250);
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** attempt));
}

/** `Retry-After` in seconds (delta form or HTTP date), or null. */
export function parseRetryAfter(header: string | null, nowMs = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - nowMs) / 1000));
}
