import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORT_STATUTS, type OrtStatut } from '@suivi-pvd/domain';
import { IsIn, IsOptional } from 'class-validator';
import { TerritoireChoixDto } from './operation-habitat.dto';
import { CommuneCouverteDto } from './ort.dto';
import { CoverageListQuery } from './coverage-list.dto';

/** The orders of the ORT list (« -x »: descending); by default the latest signed first, those not signed yet on top. */
export const ORT_TRIS = ['libelle', '-libelle', 'dateSignature', '-dateSignature'] as const;
export type OrtTri = (typeof ORT_TRIS)[number];

export class OrtsQuery extends CoverageListQuery {
  @ApiPropertyOptional({ enum: ORT_STATUTS })
  @IsOptional()
  @IsIn(ORT_STATUTS as unknown as string[], { message: 'Statut d’ORT inconnu.' })
  statut?: OrtStatut;


  @ApiPropertyOptional({ enum: ORT_TRIS, description: 'Ordre : intitulé, date de signature ; « - » devant pour l’ordre inverse (par défaut : les plus récemment signées, les non signées en tête)' })
  @IsOptional()
  @IsIn(ORT_TRIS as unknown as string[], { message: 'Tri inconnu.' })
  tri?: OrtTri;
}

export class OrtSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() libelle!: string;
  @ApiProperty({ enum: ORT_STATUTS }) statut!: OrtStatut;
  @ApiProperty({ type: String, nullable: true }) epciSiren!: string | null;
  @ApiProperty({ type: String, nullable: true }) epciNom!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dateSignature!: string | null;
  @ApiProperty({ type: Number, nullable: true }) dureeAnnees!: number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Fin calculée : signature + durée' }) dateFin!: string | null;
  @ApiProperty({ type: [CommuneCouverteDto] }) communes!: CommuneCouverteDto[];
}

export class OrtsTotauxDto {
  @ApiProperty({ description: 'ORT de la sélection (une ORT compte une fois)' }) ort!: number;
  @ApiProperty({ description: 'Communes du programme (membres d’une PVD aujourd’hui) couvertes par la sélection (dans la région ou le département filtré), chacune une fois' })
  communes!: number;
  @ApiProperty({ description: 'Autres communes couvertes (hors PVD), chacune une fois : elles ne comptent pas dans les chiffres du programme' }) communesHorsPvd!: number;
}

export class OrtsPageDto {
  @ApiProperty({ type: [OrtSummaryDto] }) items!: OrtSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ type: OrtsTotauxDto }) totaux!: OrtsTotauxDto;
  @ApiProperty({ type: [TerritoireChoixDto], description: 'Régions où l’utilisateur voit des ORT' }) regions!: TerritoireChoixDto[];
  @ApiProperty({ type: [TerritoireChoixDto], description: 'Départements où l’utilisateur voit des ORT' }) departements!: TerritoireChoixDto[];
}
