import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { AppError } from '../errors/app-error';
import type { ErrorCode } from '../errors/error-codes';

/** Name of the multipart field carrying the file, for every upload of the API. */
export const FILE_FIELD = 'fichier';

/**
 * A multipart upload of one file in field `fichier`, with optional text fields described for the
 * OpenAPI document; limits come from MulterModule (MAX_UPLOAD_MB).
 */
export function FileUpload(description: string, fields: { required?: string[]; properties?: Record<string, { type: 'string' | 'integer'; format?: string; description?: string }> } = {}) {
  return applyDecorators(
    UseInterceptors(FileInterceptor(FILE_FIELD)),
    ApiConsumes('multipart/form-data'),
    ApiBody({
      description,
      schema: {
        type: 'object',
        required: [FILE_FIELD, ...(fields.required ?? [])],
        properties: { [FILE_FIELD]: { type: 'string', format: 'binary' }, ...fields.properties },
      },
    }),
  );
}

export function requireFile(file: Express.Multer.File | undefined, code: ErrorCode): Express.Multer.File {
  if (!file || file.size === 0) {
    throw new AppError(code, 'Aucun fichier reçu : joignez un fichier CSV.', { [FILE_FIELD]: ['Joignez un fichier CSV.'] });
  }
  return file;
}
