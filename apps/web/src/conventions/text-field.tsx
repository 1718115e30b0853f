import { Input } from '@codegouvfr/react-dsfr/Input';
import type { HTMLAttributes, HTMLInputTypeAttribute } from 'react';

/**
 * A DSFR text input (or textarea) with its label, hint and the error message beside it (announced
 * by the DSFR messages group). `onBlur` lets a form show an error once the user has left the field.
 * `info` shows a remark in the DSFR « info » state (an unusual value that asks for a reason), the
 * error prevailing.
 */
export function TextField({
  id,
  label,
  hint,
  name,
  value,
  onChange,
  onBlur,
  error,
  info,
  type = 'text',
  inputMode,
  textArea = false,
  rows = 6,
  required = false,
  autoComplete = 'off',
  className,
  min,
  max,
}: {
  id?: string;
  label: string;
  hint?: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  error?: string;
  info?: string;
  type?: HTMLInputTypeAttribute;
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  textArea?: boolean;
  rows?: number;
  required?: boolean;
  autoComplete?: string;
  className?: string;
  min?: string;
  max?: string;
}) {
  const common = {
    label,
    hintText: hint,
    className,
    state: error ? ('error' as const) : info ? ('info' as const) : ('default' as const),
    stateRelatedMessage: error ?? info,
  };
  if (textArea) {
    return (
      <Input
        {...common}
        textArea
        nativeTextAreaProps={{
          id,
          name,
          rows,
          required,
          value,
          'aria-invalid': error ? true : undefined,
          onChange: (e) => onChange(e.currentTarget.value),
          onBlur,
        }}
      />
    );
  }
  return (
    <Input
      {...common}
      nativeInputProps={{
        id,
        name,
        type,
        inputMode,
        required,
        value,
        min,
        max,
        autoComplete,
        'aria-invalid': error ? true : undefined,
        onChange: (e) => onChange(e.currentTarget.value),
        onBlur,
      }}
    />
  );
}
