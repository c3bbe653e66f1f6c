import { FormInputError } from './entity-form';
import type { FormValues, Option } from './form-field';

// Conversions between form strings and wire values, shared by the setup screens.

export const str = (values: FormValues, key: string): string => {
  const value = values[key];
  return typeof value === 'string' ? value.trim() : '';
};

export const bool = (values: FormValues, key: string): boolean => values[key] === true;

/** A number, or undefined when the field is empty (the server's default applies). */
export function num(values: FormValues, key: string): number | undefined {
  const text = str(values, key);
  if (text === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new FormInputError(key, 'must be a number');
  return value;
}

/** Ids of a multiselect. */
export const ids = (values: FormValues, key: string): string[] => str(values, key).split(',').filter(Boolean);

/** `{value, source?}` pairs written as `value` or `source:value`, separated by commas or new lines. */
export function parseQualified<K extends string>(values: FormValues, key: string, valueKey: K): Array<Record<K, string> & { source?: string }> {
  return str(values, key)
    .split(/[,\n]/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const colon = part.indexOf(':');
      if (colon <= 0) return { [valueKey]: part } as Record<K, string>;
      return { [valueKey]: part.slice(colon + 1).trim(), source: part.slice(0, colon).trim() } as Record<K, string> & { source: string };
    });
}

/** The inverse of `parseQualified`. */
export function formatQualified<T extends { source?: string | undefined }>(items: readonly T[], valueOf: (item: T) => string): string {
  return items.map((item) => (item.source ? `${item.source}:${valueOf(item)}` : valueOf(item))).join(', ');
}

/** Parses a JSON textarea, naming the field when it is not JSON. */
export function json(values: FormValues, key: string): unknown {
  try {
    return JSON.parse(str(values, key));
  } catch {
    throw new FormInputError(key, 'must be valid JSON');
  }
}

export const options = (items: ReadonlyArray<{ id: string; name: string; archived?: boolean }>, includeArchived = false): Option[] =>
  items.filter((item) => includeArchived || !item.archived).map((item) => ({ value: item.id, label: item.archived ? `${item.name} (archived)` : item.name }));

export const enumOptions = (values: readonly string[]): Option[] => values.map((value) => ({ value, label: value }));

/** Local date-time of an instant, for tables. */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString([], { dateStyle: 'short', timeStyle: 'medium' });
}
