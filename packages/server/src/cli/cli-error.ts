/**
 * A command that cannot proceed for a reason the user can fix; printed as `error: <message>` with
 * exit code 1 (usage errors, found by commander, exit with 2).
 *
 * @example
 * throw new CliError('the running server owns ./.floorplan; stop it to run migrate');
 */
export class CliError extends Error {
  override readonly name = 'CliError';
}
