import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { IsIsoDay } from '../../core/http/iso-day';
import { SizedPageQuery } from '../../core/http/page-query';
import { IsDepartementCode } from '../../core/http/territory-codes';

/** The orders of the PVD list (« -x »: descending). */
export const PVD_TRIS = ['nom', '-nom', 'idPvd', '-idPvd', 'dateSelection', '-dateSelection'] as const;
export type PvdTri = (typeof PVD_TRIS)[number];

export class ListPvdQuery extends SizedPageQuery {
  @ApiPropertyOptional({ description: 'Code du département', example: '23' })
  @IsOptional()
  @IsDepartementCode()
  departement?: string;

  @ApiPropertyOptional({ description: 'Nom d’une commune de la PVD, ou son identifiant PVD', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: 'La recherche fait au plus 100 caractères.' })
  q?: string;

  @ApiPropertyOptional({ enum: PVD_TRIS, description: 'Ordre : nom (par défaut), identifiant PVD, date de sélection ; « - » devant pour l’ordre inverse' })
  @IsOptional()
  @IsIn(PVD_TRIS as unknown as string[], { message: 'Tri inconnu.' })
  tri?: PvdTri;
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
  @ApiProperty({ type: Number, nullable: true, description: 'Population municipale (référentiel)' }) population!: number | null;
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
  @ApiProperty({ description: 'Identifiant provisoire (PROV-<insee>) : liste reçue sans id_pvd, à regrouper' }) provisoire!: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date', description: 'Retirée du programme ce jour (sa dernière commune a été retirée)' })
  dateRetrait!: string | null;
  @ApiProperty() version!: number;
}

export class PvdPageDto {
  @ApiProperty({ type: [PvdSummaryDto] }) items!: PvdSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class PvdCommuneParam extends PvdIdParam {
  @ApiProperty({ example: '23001' })
  @Matches(/^(\d{5}|2[AB]\d{3})$/, { message: 'Code INSEE invalide.' })
  insee!: string;
}

export class MembershipPeriodDto {
  @ApiProperty() insee!: string;
  @ApiProperty() nom!: string;
  @ApiProperty({ format: 'date', description: 'Membre à partir de ce jour' }) debut!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date', description: 'Plus membre à partir de ce jour' }) fin!: string | null;
  @ApiProperty({ enum: ['selection', 'deplacement', 'reprise'] }) motifDebut!: 'selection' | 'deplacement' | 'reprise';
  @ApiProperty({ type: String, nullable: true, enum: ['retrait', 'deplacement'] }) motifFin!: 'retrait' | 'deplacement' | null;
  @ApiProperty({ type: String, nullable: true }) commentaire!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Fichier importé qui a ouvert la période' }) importDebut!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Fichier importé qui l’a close' }) importFin!: string | null;
}

export class WithdrawCommuneDto {
  @ApiPropertyOptional({ format: 'date', description: 'Jour du retrait (la commune n’est plus membre ce jour-là) ; par défaut aujourd’hui' })
  @IsOptional()
  @IsIsoDay()
  date?: string;

  @ApiProperty({ description: 'Motif du retrait (délibération, décision…)' })
  @IsString({ message: 'Indiquez le motif du retrait.' })
  @MinLength(3, { message: 'Indiquez le motif du retrait.' })
  @MaxLength(500, { message: '500 caractères au plus.' })
  motif!: string;
}
