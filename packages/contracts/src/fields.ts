import { z } from 'zod';

// Field builders shared by the WFM ACD schemas. Ranges carry their message on the check itself
// because a zod issue knows only the bound it broke, and the spec words ranges as "between a and b".

/** Largest count or number of seconds a report may carry (spec §3.4). */
export const MAX_REPORT_NUMBER = 1_000_000_000;
/** Longest activity, one week in milliseconds (spec §3.3). */
export const MAX_ACTIVITY_DURATION_MS = 604_800_000;

const between = (min: number, max: number) => `must be between ${min} and ${max}`;

/**
 * `null` and a missing property both become `fallback` (spec §1.4: Java clients send `null` for unset
 * boxed values). A transform after the schema, not a preprocess before it, keeps the input JSON schema
 * representable for the OpenAPI document.
 */
export function absentAs<T extends z.ZodType>(schema: T, fallback: z.output<T>) {
  return schema.nullish().transform((value): z.output<T> => value ?? fallback);
}

/** `null` and a missing property both become `undefined`: optional without a wire default. */
export function absentAsUndefined<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((value): z.output<T> | undefined => value ?? undefined);
}

/** A string of `min`..`max` characters. */
export const text = (min: number, max: number) => (min > 0 ? z.string().min(min).max(max) : z.string().max(max));

/** An optional string of at most `max` characters, `""` when absent. */
export const optionalText = (max: number) => absentAs(text(0, max), '');

/** An integer from `min` to `max`. */
export const integer = (min: number, max: number) =>
  z
    .number()
    // The integer check also enforces the safe-integer range; word that breach like the others.
    .int({ error: (issue) => (issue.code === 'invalid_type' ? undefined : between(min, max)) })
    .min(min, { error: between(min, max) })
    .max(max, { error: between(min, max) });

/** A finite number (fractions allowed) from `min` to `max`. */
export const decimal = (min: number, max: number) => z.number().min(min, { error: between(min, max) }).max(max, { error: between(min, max) });

/** A report count: integer 0..10^9, 0 when absent. */
export const count = () => absentAs(integer(0, MAX_REPORT_NUMBER), 0);

/** A report duration in seconds: finite number 0..10^9, 0 when absent. */
export const seconds = () => absentAs(decimal(0, MAX_REPORT_NUMBER), 0);

/** A boolean, false when absent. */
export const flag = () => absentAs(z.boolean(), false);

/** An array, `[]` when absent (spec §1.4: missing and empty arrays are equivalent). */
export const list = <T extends z.ZodType>(item: T) => absentAs(z.array(item), []);

/** A UTC ISO-8601 instant ending in Z, as the WFM read APIs write them. */
export const timestamp = () => z.string().meta({ description: 'UTC ISO-8601 instant with Z' });
