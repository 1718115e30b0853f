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
