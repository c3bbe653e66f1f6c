import { z } from 'zod';
import { absentAs, absentAsUndefined, text } from './fields.js';
import { utcTimestampSchema } from './timestamp.js';

// Pieces shared by the WFM ACD ingestion schemas (spec §3); each route's body lives in its own file.

/** A tenant's interval length in minutes (spec §1.3). */
export const intervalMinutesSchema = z.literal([5, 15, 30, 60]);
/** Interval length in minutes: 5, 15, 30 or 60. */
export type IntervalMinutes = z.infer<typeof intervalMinutesSchema>;

/** Contact-counting paradigm (spec §4.6): WCE is the vendor's, TTI a Floorplan extension. */
export const paradigmSchema = z.enum(['WCE', 'TTI']);
/** `"WCE"` or `"TTI"`. */
export type Paradigm = z.infer<typeof paradigmSchema>;

/**
 * Envelope fields common to both reports (spec §3.3, §3.4). `acdType` stays `undefined` when not sent:
 * its default is the tenant's, which only the rule functions know.
 */
export const reportEnvelopeShape = {
  acdType: absentAsUndefined(text(0, 64)),
  reportVersion: absentAs(text(0, 32), '0'),
  startDate: utcTimestampSchema,
  endDate: utcTimestampSchema,
};
