import type { z } from 'zod';

/** The facts of a zod issue that decide its wording; both raw (error-map) and final issues fit. */
type IssueFacts = z.core.$ZodIssue | z.core.$ZodRawIssue;

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'a boolean',
  array: 'an array',
  object: 'an object',
  null: 'null',
};

// zod's own English messages all start this way; ours are lower-case phrases, which is how
// toValidationIssues tells a schema's custom message (kept) from a zod default (reworded).
const ZOD_DEFAULT_MESSAGE = /^(Invalid|Too (big|small)|Unrecognized key)/;

/** True when `message` is one of zod's default English messages rather than one set by a schema. */
export function isZodDefaultMessage(message: string): boolean {
  return ZOD_DEFAULT_MESSAGE.test(message);
}

const plural = (n: number | bigint, word: string): string => `${n} ${word}${n === 1 || n === 1n ? '' : 's'}`;

const list = (values: readonly unknown[]): string => values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');

function typeMessage(expected: string, absent: boolean, path: readonly PropertyKey[]): string {
  // A missing or null property is "absent" (spec §1.4); a null array item or root is just the wrong type.
  const last = path[path.length - 1];
  if (absent && path.length > 0 && typeof last !== 'number') return 'is required';
  const words = TYPE_WORDS[expected];
  return words ? `must be ${words}` : `must be of type ${expected}`;
}

function sizeMessage(origin: string, bound: number | bigint, kind: 'min' | 'max', inclusive: boolean): string {
  if (origin === 'string') return `must be at ${kind === 'min' ? 'least' : 'most'} ${plural(bound, 'character')}`;
  if (origin === 'array' || origin === 'set') return `must contain at ${kind === 'min' ? 'least' : 'most'} ${plural(bound, 'item')}`;
  if (kind === 'min') return inclusive ? `must be at least ${bound}` : `must be greater than ${bound}`;
  return inclusive ? `must be at most ${bound}` : `must be less than ${bound}`;
}

/**
 * Plain-English wording of one zod issue in the style of the spec (`is required`, `must be a number`,
 * `must be at most 255 characters`, `must be one of WCE, TTI`). `absent` says whether the offending
 * value was `undefined` or `null`, which only the raw issue still knows.
 */
export function describeIssue(issue: IssueFacts, absent: boolean): string {
  const path = issue.path ?? [];
  switch (issue.code) {
    case 'invalid_type':
      return typeMessage(issue.expected, absent, path);
    case 'too_small':
      return sizeMessage(issue.origin, issue.minimum, 'min', issue.inclusive !== false);
    case 'too_big':
      return sizeMessage(issue.origin, issue.maximum, 'max', issue.inclusive !== false);
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${list(issue.values)}` : `must be one of ${list(issue.values)}`;
    case 'invalid_format':
      return issue.format === 'regex' ? 'has an invalid format' : `must be a valid ${issue.format}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return `has unknown properties: ${issue.keys.join(', ')}`;
    case 'invalid_union': {
      // A discriminated union names the accepted discriminator values; a plain one does not.
      const options: unknown = 'options' in issue ? issue.options : undefined;
      return Array.isArray(options) && options.length > 0 ? `must be one of ${list(options)}` : 'does not match any accepted form';
    }
    case 'invalid_key':
      return 'has an invalid key';
    case 'invalid_element':
      return 'has an invalid element';
    default:
      return 'is invalid';
  }
}

/**
 * Error map giving every zod issue the wording of {@link describeIssue}; pass it to `safeParse` so the
 * messages are final at parse time. Messages set inside a schema still win.
 *
 * @example
 * schema.safeParse(body, { error: wfmErrorMap });
 */
export const wfmErrorMap: z.core.$ZodErrorMap = (issue) => describeIssue(issue, issue.input === undefined || issue.input === null);
