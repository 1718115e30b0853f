import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

/** The one error body, as described in the OpenAPI document. */
export class ErrorBodyDto {
  @ApiProperty({ example: 400 }) statusCode!: number;
  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'Code stable, à utiliser par les clients' }) code!: string;
  @ApiProperty({ example: 'La requête contient des données invalides.' }) message!: string;
  @ApiPropertyOptional({
    type: Object,
    additionalProperties: { type: 'array', items: { type: 'string' } },
    description: 'Messages par champ, pour les formulaires',
    example: { email: ['Adresse électronique invalide.'] },
  })
  fields?: Record<string, string[]>;
}

/** Documents the error answers a route can give (401 and 403 for every non-public route). */
export function ApiErrors(...statuses: number[]) {
  const descriptions: Record<number, string> = {
    400: 'Requête invalide',
    401: 'Non connecté',
    403: 'Accès refusé',
    404: 'Introuvable',
    409: 'Conflit',
    413: 'Trop volumineux',
    429: 'Trop de requêtes',
  };
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, description: descriptions[status], type: ErrorBodyDto })));
}
