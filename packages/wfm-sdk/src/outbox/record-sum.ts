import { createHash } from 'node:crypto';

/**
 * The `sum` of an outbox record: the first 16 hex digits of SHA-256 of the body's JSON text
 * (spec §5.8). It lets recovery tell a torn or rotted line from a good one.
 *
 * @example
 * recordSum(JSON.stringify({ agentStateList: [] })); // '…16 hex digits…'
 */
export function recordSum(bodyJson: string): string {
  return createHash('sha256').update(bodyJson).digest('hex').slice(0, 16);
}
