import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiProperty } from '@nestjs/swagger';
import { EXPORT_FORMATS, EXPORT_MAX_ROWS, type ExportFormat } from '@suivi-pvd/domain';
import { IsIn } from 'class-validator';

/** `?format=csv|xlsx` of every export. */
export class ExportFormatQuery {
  @ApiProperty({ enum: EXPORT_FORMATS })
  @IsIn(EXPORT_FORMATS as unknown as string[], { message: 'Format : csv ou xlsx.' })
  format!: ExportFormat;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor<T = object> = new (...args: any[]) => T;

/** A list's filters plus `?format=`: the export takes the list's own query (its page is ignored). */
export function Exportable<B extends Constructor>(Base: B) {
  class ExportableQuery extends Base {
    @ApiProperty({ enum: EXPORT_FORMATS })
    @IsIn(EXPORT_FORMATS as unknown as string[], { message: 'Format : csv ou xlsx.' })
    format!: ExportFormat;
  }
  return ExportableQuery;
}

/** The OpenAPI description of an export route. */
export function ApiExport(what: string): MethodDecorator {
  return applyDecorators(
    ApiOperation({ summary: `${what} en fichier : CSV (UTF-8, « ; », virgule décimale) ou XLSX, mêmes filtres et même périmètre que la liste (${String(EXPORT_MAX_ROWS).replace(/\B(?=(\d{3})+$)/g, ' ')} lignes au plus)` }),
    ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
    ApiOkResponse({ description: 'Le fichier', schema: { type: 'string', format: 'binary' } }),
  );
}
