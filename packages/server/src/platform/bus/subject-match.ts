/**
 * Whether `subject` is delivered to a subscription on `pattern`, with NATS semantics: tokens are
 * separated by `.`, a `*` token matches exactly one token, and a final `>` token matches one or more
 * trailing tokens. `*` and `>` are wildcards only as whole tokens; `>` anywhere but last matches
 * nothing (NATS rejects such a pattern).
 *
 * @example
 * subjectMatches('floorplan.*.wfm.>', 'floorplan.t1.wfm.acd.agentState'); // true
 * subjectMatches('floorplan.*', 'floorplan.t1.wfm');                      // false
 */
export function subjectMatches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    const token = p[i];
    if (token === '>') return i === p.length - 1 && s.length > i;
    if (i >= s.length) return false;
    if (token !== '*' && token !== s[i]) return false;
  }
  return p.length === s.length;
}

/**
 * Whether every subject `pattern` matches is also matched by `of` (both may hold wildcards).
 *
 * @example
 * subjectIsSubset('floorplan.t1.*', 'floorplan.>'); // true
 * subjectIsSubset('floorplan.>', 'floorplan.t1.>'); // false
 */
export function subjectIsSubset(pattern: string, of: string): boolean {
  const p = pattern.split('.');
  const o = of.split('.');
  for (let i = 0; i < o.length; i++) {
    const token = o[i];
    if (token === '>') return i === o.length - 1 && p.length > i;
    const mine = p[i];
    if (mine === undefined || mine === '>') return false;
    if (token !== '*' && (mine === '*' || mine !== token)) return false;
  }
  return p.length === o.length;
}

/**
 * Whether `subject` is a well-formed subject: non-empty tokens without spaces, and wildcards (`*`,
 * a final `>`) only when `wildcards` is set (subscription patterns, not published subjects).
 *
 * @example
 * isValidSubject('floorplan.t1.wfm');                          // true
 * isValidSubject('floorplan.*.wfm', { wildcards: true });       // true
 * isValidSubject('floorplan..wfm');                             // false
 */
export function isValidSubject(subject: string, options: { wildcards?: boolean } = {}): boolean {
  const tokens = subject.split('.');
  return tokens.every((token, i) => {
    if (token === '*') return options.wildcards === true;
    if (token === '>') return options.wildcards === true && i === tokens.length - 1;
    return token.length > 0 && !/[\s*>]/.test(token);
  });
}

/**
 * Throws unless `subject` is a concrete subject (no wildcards) inside one of `roots`. Both bus
 * adapters check the same way, so code that works on one works on the other.
 */
export function checkPublishSubject(subject: string, roots: readonly string[]): void {
  if (!isValidSubject(subject)) throw new Error(`invalid bus subject "${subject}"`);
  if (!roots.some((root) => subjectMatches(root, subject))) {
    throw new Error(`bus subject "${subject}" is outside ${roots.join(', ')}`);
  }
}

/**
 * Throws unless `pattern` is a well-formed subscription pattern that lies inside one of `roots` or
 * covers one of them. This is the rule JetStream applies to a consumer's filter (checked here so the
 * error is immediate and clear), applied to the memory bus as well.
 */
export function checkPattern(pattern: string, roots: readonly string[]): void {
  if (!isValidSubject(pattern, { wildcards: true })) throw new Error(`invalid bus subscription pattern "${pattern}"`);
  if (!roots.some((root) => subjectIsSubset(pattern, root) || subjectIsSubset(root, pattern))) {
    throw new Error(`bus subscription pattern "${pattern}" is outside ${roots.join(', ')}`);
  }
}
