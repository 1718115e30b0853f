import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { SizedPageQuery } from '../../core/http/page-query';
import { IsDepartementCode } from '../../core/http/territory-codes';

export class ListPvdQuery extends SizedPageQuery {
  @ApiPropertyOptional({ description: 'Code du département', example: '23' })
  @IsOptional()
  @IsDepartementCode()
  departement?: string;

}

export class PvdIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Identifiant de PVD invalide.' })
  id!: string;
}

export class PvdCommuneDto {
  @ApiProperty() insee!: string;
  @ApiProperty() nom!: string;
  @ApiProperty() departementCode!: string;
}

export class PvdSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'pvd-75-23-1' }) idPvd!: string;
  @ApiProperty({ description: 'Nom usuel : la commune, ou les communes du binôme' }) nom!: string;
  @ApiProperty({ type: [PvdCommuneDto] }) communes!: PvdCommuneDto[];
  @ApiProperty({ type: String, nullable: true }) epciSiren!: string | null;
  @ApiProperty({ type: String, nullable: true }) epciNom!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) dateSelection!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) dateConventionAdhesion!: string | null;
  @ApiProperty() version!: number;
}

export class PvdPageDto {
  @ApiProperty({ type: [PvdSummaryDto] }) items!: PvdSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
