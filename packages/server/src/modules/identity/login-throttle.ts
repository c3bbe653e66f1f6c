/**
 * Failed access-key logins allowed per minute: 10 per key id and 100 per client address. Counting
 * only failures keeps a healthy connector that re-logs in every hour unaffected.
 */
export interface LoginThrottle {
  /** Seconds to wait, or 0 when the attempt may proceed. */
  check(keyId: string, ip: string, nowMs: number): number;
  failed(keyId: string, ip: string, nowMs: number): void;
}

export function createLoginThrottle(perKey = 10, perIp = 100): LoginThrottle {
  const windows = new Map<string, { start: number; count: number }>();
  const windowMs = 60_000;
  const count = (key: string, nowMs: number) => {
    const w = windows.get(key);
    return w && nowMs - w.start < windowMs ? w : null;
  };
  const waitFor = (key: string, limit: number, nowMs: number) => {
    const w = count(key, nowMs);
    return w && w.count >= limit ? Math.ceil((w.start + windowMs - nowMs) / 1000) : 0;
  };
  return {
    check: (keyId, ip, nowMs) => Math.max(waitFor(`k:${keyId}`, perKey, nowMs), waitFor(`i:${ip}`, perIp, nowMs)),
    failed(keyId, ip, nowMs) {
      if (windows.size > 100_000) for (const [k, w] of windows) if (nowMs - w.start >= windowMs) windows.delete(k);
      for (const key of [`k:${keyId}`, `i:${ip}`]) {
        const w = count(key, nowMs);
        if (w) w.count += 1;
        else windows.set(key, { start: nowMs, count: 1 });
      }
    },
  };
}
