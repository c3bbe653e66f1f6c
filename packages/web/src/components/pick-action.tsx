import { useState } from 'react';
import type { Option } from './form-field';

interface PickActionProps {
  /** Accessible name of the select. */
  label: string;
  options: Option[];
  buttonLabel: string;
  /** testid of the button; the select gets `<testid>-choice`. */
  testid: string;
  onApply(value: string): Promise<void>;
}

/** A one-click fix in a table row: choose a target, press the button (map an event, assign a login). */
export function PickAction({ label, options, buttonLabel, testid, onApply }: PickActionProps) {
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const apply = async () => {
    setBusy(true);
    try {
      await onApply(value);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <select aria-label={label} value={value} onChange={(e) => setValue(e.target.value)} data-testid={`${testid}-choice`}>
        <option value="">Choose…</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <button type="button" disabled={!value || busy} onClick={() => void apply()} data-testid={testid}>
        {buttonLabel}
      </button>
    </>
  );
}
