import { ValidateIf } from 'class-validator';

/**
 * An optional field that, when sent, must be valid: unlike `@IsOptional()`, `null` is not taken
 * for "absent" and gets the field's own errors (a 400), for fields the database cannot hold empty.
 */
export const OptionalNotNull = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
