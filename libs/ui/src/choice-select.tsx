import { Select } from '@codegouvfr/react-dsfr/Select';

export interface ChoiceSelectProps<T extends string> {
  label: string;
  name: string;
  /** The allowed values, in the order shown. */
  choices: readonly T[];
  /** The French label of each value. */
  labels: Record<T, string>;
  /** The current value; '' when none is chosen. */
  value: T | '';
  /** Called with the chosen value, or null when the empty option is chosen. */
  onChange: (value: T | null) => void;
  /** First option, with value '': « Tous les types », or a disabled « Sélectionnez… » prompt. */
  empty?: { label: string; disabled?: boolean };
  error?: string;
  required?: boolean;
  className?: string;
}

/** A DSFR select over a fixed list of values (a domain enumeration), typed end to end. */
export function ChoiceSelect<T extends string>({ label, name, choices, labels, value, onChange, empty, error, required, className }: ChoiceSelectProps<T>) {
  return (
    <Select
      className={className}
      label={label}
      state={error ? 'error' : 'default'}
      stateRelatedMessage={error}
      nativeSelectProps={{
        name,
        required,
        value,
        'aria-invalid': error ? true : undefined,
        onChange: (event) => onChange(choices.find((c) => c === event.currentTarget.value) ?? null),
      }}
    >
      {empty && (
        <option value="" disabled={empty.disabled}>
          {empty.label}
        </option>
      )}
      {choices.map((choice) => (
        <option key={choice} value={choice}>
          {labels[choice]}
        </option>
      ))}
    </Select>
  );
}
