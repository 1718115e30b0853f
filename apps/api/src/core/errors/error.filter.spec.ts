import { BadRequestException, ForbiddenException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AppError } from './app-error';
import { ERROR_STATUS } from './error-codes';
import { toErrorBody } from './error.filter';

describe('toErrorBody', () => {
  it('keeps an AppError as it is, with its fields', () => {
    const body = toErrorBody(new AppError('VALIDATION_FAILED', 'Invalide.', { email: ['Adresse électronique invalide.'] }));
    expect(body).toEqual({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'Invalide.', fields: { email: ['Adresse électronique invalide.'] } });
  });

  it('maps body-parser errors to 400 and 413', () => {
    expect(toErrorBody({ type: 'entity.parse.failed', status: 400 })).toMatchObject({ statusCode: 400, code: 'MALFORMED_BODY' });
    expect(toErrorBody({ type: 'entity.too.large', status: 413 })).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('maps Nest HTTP exceptions to stable codes with French messages', () => {
    expect(toErrorBody(new ForbiddenException())).toMatchObject({ statusCode: 403, code: 'FORBIDDEN', message: 'Accès refusé.' });
    expect(toErrorBody(new NotFoundException())).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    expect(toErrorBody(new PayloadTooLargeException('File too large'))).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(toErrorBody(new BadRequestException('Unexpected field'))).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST' });
  });

  it('turns a bad value caught by PostgreSQL into a 400, and anything else into a 500 that reveals nothing', () => {
    const invalidUuid = Object.assign(new QueryFailedError('SELECT', [], new Error('invalid input syntax for type uuid')), { code: '22P02' });
    expect(toErrorBody(invalidUuid)).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST' });
    const body = toErrorBody(new Error('secret internals'));
    expect(body).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: expect.not.stringContaining('secret') });
  });

  it('has a status for every code', () => {
    for (const status of Object.values(ERROR_STATUS)) expect(status).toBeGreaterThanOrEqual(400);
  });
});
