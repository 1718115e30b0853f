import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { SizedPageQuery } from '../../core/http/page-query';
import { IsDepartementCode, IsRegionCode } from '../../core/http/territory-codes';

/** The area and PVD filters of the national lists of records covering several communes (ORT, habitat operations). */
export class CoverageListQuery extends SizedPageQuery {
  @ApiPropertyOptional({ description: 'Code de la région : une commune couverte au moins' })
  @IsOptional()
  @IsRegionCode()
  region?: string;

  @ApiPropertyOptional({ description: 'Code du département : une commune couverte au moins' })
  @IsOptional()
  @IsDepartementCode()
  departement?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Ceux qui couvrent une commune de cette PVD' })
  @IsOptional()
  @IsUUID('all', { message: 'Identifiant de PVD invalide.' })
  pvdId?: string;
}
