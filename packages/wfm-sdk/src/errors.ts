import type { ValidationIssue, WFMReportResponseDTO } from '@floorplan/contracts';

/** Reasons the SDK produces itself, without a server answer. */
export type LocalReason = 'VALIDATION_FAILED' | 'OUTBOX_FULL' | 'CLOSED' | 'NOT_CONNECTED' | 'DELIVERY_PENDING' | 'AUTH_FAILED';

/**
 * The one error class of the SDK (the vendor's `CXoneWfmException`). `getResponse()` gives the
 * server's failure body (§1.5), or one built locally with the same shape.
 *
 * @example
 * try { await wfm.agentStates.send(list); }
 * catch (e) { if (e instanceof CXoneWfmException) console.log(e.statusReason, e.getResponse().errors); }
 */
export class CXoneWfmException extends Error {
  override readonly name = 'CXoneWfmException';
  readonly statusReason: string;
  /** HTTP status of the answer; null when the SDK refused locally or never got an answer. */
  readonly httpStatus: number | null;
  /** Whether sending again later may succeed. */
  readonly retryable: boolean;
  readonly #response: WFMReportResponseDTO;

  constructor(options: { statusReason: string; httpStatus: number | null; retryable: boolean; errors?: ValidationIssue[]; message?: string; cause?: unknown }) {
    const errors = options.errors ?? [];
    const first = errors[0];
    super(options.message ?? (first ? `${first.path}: ${first.message}` : options.statusReason), options.cause === undefined ? undefined : { cause: options.cause });
    this.statusReason = options.statusReason;
    this.httpStatus = options.httpStatus;
    this.retryable = options.retryable;
    this.#response = { status: 'FAILURE', statusReason: options.statusReason, errors };
  }

  /** The failure body, typed as the vendor SDK's `WFMReportResponseDTO`. */
  getResponse(): WFMReportResponseDTO {
    return this.#response;
  }
}

/** Idiomatic alias of {@link CXoneWfmException}. */
export const WfmError = CXoneWfmException;
export type WfmError = CXoneWfmException;

export const localError = (statusReason: LocalReason, message: string, errors: ValidationIssue[] = [], retryable = false) =>
  new CXoneWfmException({ statusReason, httpStatus: null, retryable, errors, message });

const retryableStatus = new Set([408, 429, 500, 502, 503, 504]);

/** Whether an HTTP status is worth retrying (spec §5.6). */
export const isRetryableStatus = (status: number): boolean => retryableStatus.has(status);

/**
 * The error for an HTTP failure. A body that is not the §1.5 shape (a proxy's HTML page) becomes
 * `{status: "FAILURE", statusReason: "HTTP_<status>", errors: []}`.
 */
export function errorFromResponse(status: number, bodyText: string): CXoneWfmException {
  let statusReason = `HTTP_${status}`;
  let errors: ValidationIssue[] = [];
  try {
    const body = JSON.parse(bodyText) as { statusReason?: unknown; errors?: unknown };
    if (typeof body.statusReason === 'string') statusReason = body.statusReason;
    if (Array.isArray(body.errors)) {
      errors = body.errors.filter(
        (e): e is ValidationIssue => typeof e === 'object' && e !== null && typeof (e as ValidationIssue).path === 'string' && typeof (e as ValidationIssue).message === 'string',
      );
    }
  } catch {
    // not JSON: keep HTTP_<status>
  }
  return new CXoneWfmException({ statusReason, httpStatus: status, retryable: isRetryableStatus(status), errors });
}
