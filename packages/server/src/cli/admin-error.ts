/** One problem of a failed admin operation, as the admin API lists it. */
export interface AdminErrorDetail {
  path: string;
  message: string;
}

/**
 * A refused admin operation, whichever way the CLI reached the data. `code` is the server's error
 * code (`CONFLICT`, `NOT_FOUND`, ...; `HTTP_<status>` for a non-JSON answer) and the message names it
 * with every path, e.g. `CONFLICT: name: already exists`.
 *
 * @example
 * throw new AdminError('NOT_FOUND', [{ path: 'tenant', message: 'no tenant named acme' }]);
 */
export class AdminError extends Error {
  override readonly name = 'AdminError';
  constructor(
    readonly code: string,
    readonly details: AdminErrorDetail[],
  ) {
    super(`${code}: ${details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; ') || 'failed'}`);
  }
}
