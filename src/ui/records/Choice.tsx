// A select over a closed list of words (attacker profiles, safety levels, kinds…), the option shown
// as the word itself unless `label` words it.
export interface ChoiceProps<T extends string> {
  readonly value: T | '';
  readonly options: readonly T[];
  readonly onChange: (v: T) => void;
  readonly id?: string;
  readonly ariaLabel?: string;
  readonly testId?: string;
  /** An empty first option ("not set", "all"), for a value that may be absent; choosing it calls onUnset. */
  readonly unset?: string;
  readonly onUnset?: () => void;
  readonly label?: (v: T) => string;
}

export function Choice<T extends string>({ value, options, onChange, id, ariaLabel, testId, unset, onUnset, label = (v) => v }: ChoiceProps<T>) {
  return (
    <select id={id} value={value} onChange={(e) => (e.target.value ? onChange(e.target.value as T) : onUnset?.())} aria-label={ariaLabel} data-testid={testId}>
      {unset !== undefined ? <option value="">{unset}</option> : null}
      {options.map((o) => (
        <option key={o} value={o}>
          {label(o)}
        </option>
      ))}
    </select>
  );
}
