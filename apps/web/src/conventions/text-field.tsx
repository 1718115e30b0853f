import { Input } from '@codegouvfr/react-dsfr/Input';
import type { HTMLInputTypeAttribute } from 'react';

/** A DSFR text input (or textarea) with its label and the error message beside it. */
export function TextField({
  label,
  hint,
  name,
  value,
  onChange,
  error,
  type = 'text',
  textArea = false,
  rows = 6,
  required = false,
  className,
}: {
  label: string;
  hint?: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  type?: HTMLInputTypeAttribute;
  textArea?: boolean;
  rows?: number;
  required?: boolean;
  className?: string;
}) {
  const common = {
    label,
    hintText: hint,
    className,
    state: error ? ('error' as const) : ('default' as const),
    stateRelatedMessage: error,
  };
  if (textArea) {
    return (
      <Input
        {...common}
        textArea
        nativeTextAreaProps={{
          name,
          rows,
          required,
          value,
          'aria-invalid': error ? true : undefined,
          onChange: (e) => onChange(e.currentTarget.value),
        }}
      />
    );
  }
  return (
    <Input
      {...common}
      nativeInputProps={{
        name,
        type,
        required,
        value,
        autoComplete: 'off',
        'aria-invalid': error ? true : undefined,
        onChange: (e) => onChange(e.currentTarget.value),
      }}
    />
  );
}
