/**
 * Throws a clear Error unless `key` is a safe object key: `/`-separated relative segments, none of
 * them empty, `.` or `..`, and no backslash or NUL anywhere. Both stores check keys the same way,
 * so a key that works on the local disk works on S3 and cannot climb out of the store's directory.
 *
 * @example
 * checkObjectKey('t1/extractions/2024-04-17/agents.csv'); // ok
 * checkObjectKey('../etc/passwd');                        // throws
 */
export function checkObjectKey(key: string): void {
  const problem = objectKeyProblem(key);
  if (problem) throw new Error(`invalid object key ${JSON.stringify(key)}: ${problem}`);
}

function objectKeyProblem(key: string): string | null {
  if (key.length === 0) return 'it is empty';
  if (key.length > 1024) return 'it is longer than 1024 characters';
  if (key.includes('\0')) return 'it contains NUL';
  if (key.includes('\\')) return 'it contains a backslash';
  if (key.startsWith('/')) return 'it is absolute';
  for (const segment of key.split('/')) {
    if (segment === '') return 'it has an empty segment';
    if (segment === '.' || segment === '..') return `it has a "${segment}" segment`;
  }
  return null;
}

/** The key with each segment percent-encoded, for a URL path. */
export function encodeObjectKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}
