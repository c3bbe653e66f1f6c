import { z } from 'zod';
import { describeIssue, isZodDefaultMessage } from './issue-messages.js';

/** One problem with a request body: where (`path`, §1.5) and what, in plain English. */
export const validationIssueSchema = z.object({
  path: z.string().meta({ description: 'dotted path with [index] for array items; "" is the whole body' }),
  message: z.string(),
});

/** One problem with a request body, as listed in a failure response's `errors`. */
export type ValidationIssue = z.infer<typeof validationIssueSchema>;

/** At most this many errors are listed in one failure response (spec §1.5). */
export const MAX_VALIDATION_ISSUES = 100;

/**
 * Body of every WFM ACD answer that carries one: always a failure on the data routes (§1.5), but
 * typed with both statuses because the vendor SDK's `WFMReportResponseDTO` is.
 */
export const wfmReportResponseSchema = z.object({
  status: z.enum(['SUCCESS', 'FAILURE']),
  statusReason: z.string(),
  errors: z.array(validationIssueSchema),
});

/** The failure body of §1.5: `{status: "FAILURE", statusReason, errors}`. */
export const wfmFailureResponseSchema = wfmReportResponseSchema.extend({ status: z.literal('FAILURE') });

/** `WFMReportResponseDTO` of the vendor SDK. */
export type WFMReportResponseDTO = z.infer<typeof wfmReportResponseSchema>;
/** Idiomatic name of {@link WFMReportResponseDTO}. */
export type WfmReportResponse = WFMReportResponseDTO;
/** A failure body; the only kind the data routes send. */
export type WfmFailureResponse = z.infer<typeof wfmFailureResponseSchema>;

/**
 * Wire form of a zod path: dotted, `[index]` for numbers, `""` for the root.
 *
 * @example
 * formatIssuePath(['reportData', 'queueReport', 1, 'svcLvlPct']); // 'reportData.queueReport[1].svcLvlPct'
 */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

function wasAbsent(issue: z.core.$ZodIssue): boolean {
  if ('input' in issue) return issue.input === undefined || issue.input === null;
  // Without `reportInput` zod keeps the input only inside its default message.
  return /received (undefined|null)$/.test(issue.message);
}

/**
 * The `errors` list of a failure response for a zod error: zod's order (schema field order, so a
 * broken field comes first), custom schema messages kept, zod's defaults reworded the same way
 * {@link wfmErrorMap} words them at parse time, at most `max` entries.
 *
 * @example
 * const r = agentStateListSchema.safeParse(body);
 * if (!r.success) toValidationIssues(r.error); // [{ path: 'agentStateList[0].loginId', message: 'is required' }]
 */
export function toValidationIssues(error: z.ZodError, max = MAX_VALIDATION_ISSUES): ValidationIssue[] {
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  for (const issue of error.issues) {
    if (issues.length >= max) break;
    const path = formatIssuePath(issue.path);
    const message = isZodDefaultMessage(issue.message) ? describeIssue(issue, wasAbsent(issue)) : issue.message;
    // Two checks can word one breach alike (an unsafe integer fails both the integer and the range check).
    const key = JSON.stringify([path, message]);
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ path, message });
  }
  return issues;
}

/**
 * The wire body for a failure.
 *
 * @example
 * toFailureResponse('VALIDATION_FAILED', issues); // { status: 'FAILURE', statusReason: 'VALIDATION_FAILED', errors: issues }
 */
export function toFailureResponse(statusReason: string, errors: readonly ValidationIssue[] = []): WfmFailureResponse {
  return { status: 'FAILURE', statusReason, errors: errors.slice(0, MAX_VALIDATION_ISSUES) };
}
