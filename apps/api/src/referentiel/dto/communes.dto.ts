import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, Matches } from 'class-validator';
import { PageQuery } from '../../core/http/page-query';

export class SearchCommunesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Nom (sans accents ni majuscules requis) ou début de code INSEE' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'SIREN d’un EPCI : ne cherche que parmi ses communes membres', example: '200034825' })
  @IsOptional()
  @Matches(/^\d{9}$/, { message: 'Le SIREN d’un EPCI compte 9 chiffres.' })
  epci?: string;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}

export class PvdRefDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'pvd-75-23-1' }) idPvd!: string;
}

export class CommuneSummaryDto {
  @ApiProperty({ example: '23001' }) insee!: string;
  @ApiProperty({ example: 'Ahun' }) nom!: string;
  @ApiProperty({ example: '23' }) departementCode!: string;
  @ApiProperty({ example: 'Creuse' }) departementNom!: string;
  @ApiProperty({ type: Number, nullable: true }) population!: number | null;
  @ApiProperty({ type: PvdRefDto, nullable: true }) pvd!: PvdRefDto | null;
}

export class CommunePageDto {
  @ApiProperty({ type: [CommuneSummaryDto] }) items!: CommuneSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class CodeNomDto {
  @ApiProperty() code!: string;
  @ApiProperty() nom!: string;
}

export class EpciRefDto {
  @ApiProperty() siren!: string;
  @ApiProperty() nom!: string;
  @ApiProperty({ example: 'CC' }) type!: string;
}

export class DensiteDto {
  @ApiProperty({ minimum: 1, maximum: 7 }) niveau!: number;
  @ApiProperty({ example: 'Bourgs ruraux' }) libelle!: string;
}

export class CommuneRefDto {
  @ApiProperty() insee!: string;
  @ApiProperty() nom!: string;
}

export class CommunePvdDto {
  @ApiProperty() id!: string;
  @ApiProperty() idPvd!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) dateSelection!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) dateConventionAdhesion!: string | null;
  @ApiProperty({ type: EpciRefDto, nullable: true }) epci!: EpciRefDto | null;
  @ApiProperty({ type: [CommuneRefDto], description: 'Toutes les communes de la PVD, celle-ci comprise' })
  communes!: CommuneRefDto[];
}

export class CommuneDetailDto {
  @ApiProperty() insee!: string;
  @ApiProperty({ type: String, nullable: true }) siren!: string | null;
  @ApiProperty() nom!: string;
  @ApiProperty({ type: Number, nullable: true }) population!: number | null;
  @ApiProperty({ type: DensiteDto, nullable: true }) densite!: DensiteDto | null;
  @ApiProperty({ type: CodeNomDto }) departement!: CodeNomDto;
  @ApiProperty({ type: CodeNomDto }) region!: CodeNomDto;
  @ApiProperty({ type: EpciRefDto, nullable: true }) epci!: EpciRefDto | null;
  @ApiProperty({ type: CommunePvdDto, nullable: true }) pvd!: CommunePvdDto | null;
}

export class InseeParam {
  @ApiProperty({ example: '23001' })
  @IsString()
  @MaxLength(5)
  insee!: string;
}
