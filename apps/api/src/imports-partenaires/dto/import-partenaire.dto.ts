import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IMPORT_PARTENAIRE_STATUTS, IMPORT_PARTENAIRE_TYPES, type ImportPartenaireStatut, type ImportPartenaireType } from '@suivi-pvd/domain';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export class ImportPartenaireIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Identifiant d’import invalide.' })
  id!: string;
}

export class ImportPartenaireTypeParam {
  @ApiProperty({ enum: IMPORT_PARTENAIRE_TYPES })
  @IsIn(IMPORT_PARTENAIRE_TYPES as unknown as string[], { message: 'Type d’import inconnu.' })
  type!: ImportPartenaireType;
}

export class ModeleQuery {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'], { message: 'Format csv ou xlsx.' })
  format?: 'csv' | 'xlsx';
}

export class ImportPartenaireQuery {
  @ApiPropertyOptional({ default: 1, minimum: 1, description: 'Page des lignes rejetées (50 par page)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  page?: number;

  @ApiPropertyOptional({ default: 1, minimum: 1, description: 'Page des lignes modifiées (50 par page)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  pageChangements?: number;
}

export class ImportPartenaireResumeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: IMPORT_PARTENAIRE_TYPES }) type!: ImportPartenaireType;
  @ApiProperty() nomFichier!: string;
  @ApiProperty({ enum: IMPORT_PARTENAIRE_STATUTS }) statut!: ImportPartenaireStatut;
  @ApiProperty({ description: 'Lignes de données du fichier (lignes vides exclues)' }) totalLignes!: number;
  @ApiProperty({ description: 'Lignes traitées jusqu’ici (progression)' }) lignesTraitees!: number;
  @ApiProperty() crees!: number;
  @ApiProperty() misAJour!: number;
  @ApiProperty() inchanges!: number;
  @ApiProperty({ description: 'Lignes rejetées' }) rejetes!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Pourquoi l’import a échoué' }) erreur!: string | null;
  @ApiProperty({ type: String, nullable: true }) auteur!: string | null;
  @ApiProperty({ format: 'date-time' }) creeLe!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) termineLe!: string | null;
}

export class ImportRejetDto {
  @ApiProperty({ description: 'Numéro de ligne dans le fichier (en-tête = 1)' }) ligne!: number;
  @ApiProperty({ type: String, nullable: true }) colonne!: string | null;
  @ApiProperty() motif!: string;
}

export class ImportChampDto {
  @ApiProperty({ description: 'Colonne du fichier' }) champ!: string;
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'number' }], nullable: true }) avant!: string | number | null;
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'number' }], nullable: true }) apres!: string | number | null;
}

export class ImportChangementDto {
  @ApiProperty() reference!: string;
  @ApiProperty({ type: [ImportChampDto] }) champs!: ImportChampDto[];
}

export class ImportRejetsPageDto {
  @ApiProperty({ type: [ImportRejetDto] }) items!: ImportRejetDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class ImportChangementsPageDto {
  @ApiProperty({ type: [ImportChangementDto] }) items!: ImportChangementDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class ImportPartenaireDto extends ImportPartenaireResumeDto {
  @ApiProperty({ type: ImportRejetsPageDto, description: 'Rejets (ligne, colonne, motif), 50 par page' }) rejets!: ImportRejetsPageDto;
  @ApiProperty({ type: ImportChangementsPageDto, description: 'Lignes mises à jour et leurs champs modifiés, 50 par page' }) changements!: ImportChangementsPageDto;
}

export const IMPORT_LIGNE_NATURES = ['erreur', 'changement'] as const;

export class ImportLignesQuery {
  @ApiPropertyOptional({ enum: IMPORT_LIGNE_NATURES, default: 'erreur', description: 'Lignes rejetées (erreur) ou lignes mises à jour (changement)' })
  @IsOptional()
  @IsIn(IMPORT_LIGNE_NATURES as unknown as string[], { message: 'Nature erreur ou changement.' })
  nature?: (typeof IMPORT_LIGNE_NATURES)[number];

  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: 100000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'Page entière.' })
  @Min(1, { message: 'Page 1 au moins.' })
  @Max(100000, { message: 'Page 100 000 au plus.' })
  page?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'Taille de page entière.' })
  @Min(1, { message: 'Taille de page 1 au moins.' })
  @Max(500, { message: 'Taille de page 500 au plus.' })
  pageSize?: number;
}

export class ImportLigneDto {
  @ApiProperty({ enum: IMPORT_LIGNE_NATURES }) nature!: (typeof IMPORT_LIGNE_NATURES)[number];
  @ApiProperty({ type: Number, nullable: true, description: 'Numéro de ligne dans le fichier (en-tête = 1)' }) ligne!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'Colonne en cause (erreur)' }) colonne!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Motif du rejet (erreur)' }) motif!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Référence de la ligne mise à jour (changement)' }) reference!: string | null;
  @ApiProperty({ type: [ImportChampDto], nullable: true, description: 'Champs modifiés (changement)' }) champs!: ImportChampDto[] | null;
}

export class ImportLignesPageDto {
  @ApiProperty({ type: [ImportLigneDto] }) items!: ImportLigneDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
