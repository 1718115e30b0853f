import { ERROR_STATUS, ErrorCode } from './error-codes';

/** Field path → messages, for forms to show beside each field. */
export type FieldErrors = Record<string, string[]>;

/** The one error body of the API. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  fields?: FieldErrors;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }

  toBody(): ErrorBody {
    return { statusCode: this.status, code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) };
  }
}
