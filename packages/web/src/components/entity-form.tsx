import { useState, type FormEvent } from 'react';
import { ApiError, type FieldError } from '../api/client';
import { FormField, type FieldSpec, type FormValues } from './form-field';

/** A value the form could not turn into a request body (bad list syntax, invalid JSON). */
export class FormInputError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

function owns(spec: FieldSpec, path: string): number {
  let best = -1;
  for (const prefix of [spec.key, ...(spec.paths ?? [])]) {
    if (path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`)) best = Math.max(best, prefix.length);
  }
  return best;
}

/** Splits server errors into the field that owns each path (longest prefix) and the rest. */
export function assignErrors(fields: FieldSpec[], errors: FieldError[]): { byField: Map<string, string>; general: string[] } {
  const byField = new Map<string, string>();
  const general: string[] = [];
  for (const error of errors) {
    let owner: FieldSpec | null = null;
    let length = -1;
    for (const spec of fields) {
      const match = owns(spec, error.path);
      if (match > length) {
        owner = spec;
        length = match;
      }
    }
    const detail = owner && error.path !== owner.key ? `${error.path}: ${error.message}` : error.message;
    if (owner) byField.set(owner.key, byField.has(owner.key) ? `${byField.get(owner.key)}; ${detail}` : detail);
    else general.push(error.path ? `${error.path}: ${error.message}` : error.message);
  }
  return { byField, general };
}

interface EntityFormProps {
  /** testid of the form. */
  name: string;
  title: string;
  fields: FieldSpec[];
  initial: FormValues;
  submitLabel: string;
  onSubmit(values: FormValues): Promise<void>;
  onCancel(): void;
}

/** The one create/edit form: renders field specs, submits, shows the server's errors by field. */
export function EntityForm({ name, title, fields, initial, submitLabel, onSubmit, onCancel }: EntityFormProps) {
  const [values, setValues] = useState<FormValues>(initial);
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [general, setGeneral] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const change = (key: string, value: string | boolean) => setValues((current) => ({ ...current, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await onSubmit(values);
    } catch (failure) {
      let list: FieldError[];
      if (failure instanceof FormInputError) list = [{ path: failure.path, message: failure.message }];
      else if (failure instanceof ApiError) {
        list = failure.errors.length > 0 ? failure.errors : [{ path: '', message: failure.message }];
        if (failure.status === 412) list = [{ path: '', message: 'Someone else changed this entry meanwhile; close the form and reopen it to edit the current version.' }];
      } else list = [{ path: '', message: failure instanceof Error ? failure.message : 'The request failed.' }];
      const assigned = assignErrors(fields, list);
      setErrors(assigned.byField);
      setGeneral(assigned.general);
      setBusy(false);
    }
  };

  return (
    <section className="card panel" aria-label={title}>
      <h2>{title}</h2>
      <form className="form" onSubmit={submit} data-testid={`${name}-form`} noValidate>
        {fields.map((spec) => (
          <FormField key={spec.key} spec={spec} value={values[spec.key]} error={errors.get(spec.key)} onChange={change} />
        ))}
        {general.length > 0 ? (
          <div className="banner error wide" role="alert" data-testid="form-errors">
            {general.map((message) => (
              <div key={message}>{message}</div>
            ))}
          </div>
        ) : null}
        <div className="form-actions">
          <button type="submit" disabled={busy} data-testid={`${name}-submit`}>
            {busy ? 'Saving…' : submitLabel}
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
