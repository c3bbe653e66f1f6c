import type { OutboxRecord } from './outbox.js';

/** The dead-letter file of an outbox directory. */
export const deadLetterFileName = 'dead-letter.jsonl';

/**
 * One line of `dead-letter.jsonl`: `{seq, kind, createdAt, body, error, at}` (without the newline).
 *
 * @example
 * deadLetterLine(record, new CXoneWfmException(...), new Date());
 */
export function deadLetterLine(record: OutboxRecord, error: unknown, at: Date): string {
  const { seq, kind, createdAt, body } = record;
  return JSON.stringify({ seq, kind, createdAt, body, error: errorToJson(error), at: at.toISOString() });
}

/**
 * A JSON picture of an error for the dead-letter file. Error's own `message` and `name` are not
 * enumerable, so they are copied by hand, with the error's enumerable fields (status, reason, ...) and
 * the server's answer when the error exposes one through `getResponse()` (the SDK's
 * CXoneWfmException). `stack` and `cause` are left out: they describe this process, not the refusal.
 */
export function errorToJson(error: unknown): unknown {
  if (!(error instanceof Error)) return isJson(error) ? error : String(error);
  const out: Record<string, unknown> = { name: error.name, message: error.message };
  for (const [key, value] of Object.entries(error)) {
    if (key !== 'stack' && key !== 'cause' && isJson(value)) out[key] = value;
  }
  const withResponse = error as Error & { getResponse?: unknown };
  if (typeof withResponse.getResponse === 'function') {
    try {
      const response: unknown = withResponse.getResponse();
      if (isJson(response)) out.response = response;
    } catch {
      // A broken accessor must not stop the record from being set aside.
    }
  }
  return out;
}

function isJson(value: unknown): boolean {
  try {
    return JSON.stringify(value) !== undefined;
  } catch {
    return false;
  }
}
