import type { ChangeEvent } from 'react';

export type FieldKind = 'text' | 'email' | 'number' | 'select' | 'multiselect' | 'checkbox' | 'color' | 'textarea';

export interface Option {
  value: string;
  label: string;
}

/** One form field. `key` is also the wire path its server errors arrive under (`acdLogins[0]` → `acdLogins`). */
export interface FieldSpec {
  key: string;
  label: string;
  kind: FieldKind;
  options?: Option[];
  required?: boolean;
  hint?: string;
  wide?: boolean;
  /** Further wire paths whose errors belong to this field. */
  paths?: string[];
  step?: string;
  min?: number;
  max?: number;
}

/** Form state: strings for inputs (multiselect: ids joined by commas), booleans for checkboxes. */
export type FormValues = Record<string, string | boolean>;

interface FormFieldProps {
  spec: FieldSpec;
  value: string | boolean | undefined;
  error?: string | undefined;
  onChange(key: string, value: string | boolean): void;
}

export function FormField({ spec, value, error, onChange }: FormFieldProps) {
  const id = `field-${spec.key}`;
  const errorId = error ? `${id}-error` : undefined;
  const common = { id, name: spec.key, 'aria-invalid': error ? true : undefined, 'aria-describedby': errorId, 'data-testid': id };
  const text = typeof value === 'string' ? value : '';
  const onText = (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => onChange(spec.key, event.target.value);

  let control;
  switch (spec.kind) {
    case 'checkbox':
      control = <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(spec.key, e.target.checked)} />;
      break;
    case 'select':
      control = (
        <select {...common} value={text} onChange={onText} required={spec.required}>
          {spec.required ? null : <option value="">—</option>}
          {(spec.options ?? []).map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'multiselect': {
      const selected = text ? text.split(',') : [];
      control = (
        <select
          {...common}
          multiple
          size={Math.min(6, Math.max(3, spec.options?.length ?? 3))}
          value={selected}
          onChange={(e) => onChange(spec.key, Array.from(e.target.selectedOptions, (o) => o.value).join(','))}
        >
          {(spec.options ?? []).map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      );
      break;
    }
    case 'textarea':
      control = <textarea {...common} value={text} onChange={onText} required={spec.required} />;
      break;
    default:
      control = (
        <input {...common} type={spec.kind} value={text} onChange={onText} required={spec.required} step={spec.step} min={spec.min} max={spec.max} />
      );
  }

  return (
    <div className={`field${spec.kind === 'checkbox' ? ' checkbox' : ''}${error ? ' invalid' : ''}${spec.wide ? ' wide' : ''}`}>
      {spec.kind === 'checkbox' ? (
        <>
          {control}
          <label htmlFor={id}>{spec.label}</label>
        </>
      ) : (
        <>
          <label htmlFor={id}>
            <span>{spec.label}</span>
          </label>
          {control}
        </>
      )}
      {spec.hint || spec.kind === 'multiselect' ? <small className="muted">{spec.hint ?? 'Ctrl- or Cmd-click to choose several.'}</small> : null}
      {error ? (
        <span id={errorId} className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
