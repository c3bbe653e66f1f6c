/**
 * Keeps the process alive until `p` settles. The SDK's timers are unref()ed so an idle connector
 * never holds a process open, but a caller awaiting flush() or close() must not see it exit mid-wait.
 */
export function holdOpen<T>(p: Promise<T>): Promise<T> {
  const keepAlive = setInterval(() => {}, 1 << 30);
  return p.finally(() => clearInterval(keepAlive));
}
