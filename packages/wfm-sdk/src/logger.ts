/** The pino-compatible slice the SDK logs through. */
export interface WfmLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

const noop = () => {};

/** Warnings and errors as JSON lines on stderr; the default when no logger is given. */
export const stderrLogger: WfmLogger = {
  debug: noop,
  info: noop,
  warn: (obj, msg) => process.stderr.write(`${JSON.stringify({ level: 'warn', msg, ...obj })}\n`),
  error: (obj, msg) => process.stderr.write(`${JSON.stringify({ level: 'error', msg, ...serializable(obj) })}\n`),
};

export const silentLogger: WfmLogger = { debug: noop, info: noop, warn: noop, error: noop };

function serializable(obj: object): object {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = v instanceof Error ? { name: v.name, message: v.message } : v;
  return out;
}
