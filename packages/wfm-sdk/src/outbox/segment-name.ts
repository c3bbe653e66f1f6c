const pattern = /^seg-(\d{12})\.jsonl$/;

/**
 * The file name of the segment whose first record is `firstSeq`: `seg-<12-digit seq>.jsonl`. The
 * zero padding makes name order seq order.
 *
 * @example
 * segmentName(42); // 'seg-000000000042.jsonl'
 */
export function segmentName(firstSeq: number): string {
  return `seg-${String(firstSeq).padStart(12, '0')}.jsonl`;
}

/** The first seq a segment file name announces, or null when `name` is not a segment. */
export function parseSegmentName(name: string): number | null {
  const match = pattern.exec(name);
  return match?.[1] === undefined ? null : Number(match[1]);
}
