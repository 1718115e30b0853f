import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { NATIONAL_IMPORT_STATUTS, NATIONAL_IMPORT_TYPES, type NationalImportStatut, type NationalImportType } from '@suivi-pvd/domain';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ImportLignesQuery, ImportRejetDto } from '../../imports-partenaires/dto/import-partenaire.dto';

export class ImportNationalIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Identifiant d’import invalide.' })
  id!: string;
}

export class ImportNationalTypeParam {
  @ApiProperty({ enum: NATIONAL_IMPORT_TYPES })
  @IsIn(NATIONAL_IMPORT_TYPES as unknown as string[], { message: 'Type d’import inconnu.' })
  type!: NationalImportType;
}

export class ModeleNationalQuery {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'], { message: 'Format csv ou xlsx.' })
  format?: 'csv' | 'xlsx';

  @ApiPropertyOptional({ description: 'Pour les participations : le dispositif (identifiant ou code), dont les attributs deviennent des colonnes' })
  @IsOptional()
  @IsString({ message: 'Dispositif : un identifiant ou un code.' })
  @MaxLength(40, { message: 'Dispositif : 40 caractères au plus.' })
  demarche?: string;
}

export class ImportNationalApercuDto {
  @ApiProperty({ description: 'Lignes qui seront créées' }) crees!: number;
  @ApiProperty({ description: 'Lignes qui mettront à jour un enregistrement' }) misAJour!: number;
  @ApiProperty({ description: 'Lignes identiques à ce qui est enregistré' }) inchanges!: number;
  @ApiProperty({ description: 'Lignes rejetées' }) rejetes!: number;
  @ApiProperty({ type: [ImportRejetDto], description: 'Les premières erreurs (20 au plus)' }) erreurs!: ImportRejetDto[];
  @ApiProperty({ description: 'Nombre total d’erreurs' }) erreursTotal!: number;
  @ApiProperty({ type: [String], description: 'Colonnes du fichier qui ne correspondent à aucune colonne du modèle (ignorées)' }) colonnesIgnorees!: string[];
  @ApiPropertyOptional({ type: [ImportRejetDto], description: 'Les premiers avertissements (20 au plus) : un ancien code de commune lu comme la commune qui lui succède' })
  avertissements?: ImportRejetDto[];
  @ApiPropertyOptional({ description: 'Nombre total d’avertissements' }) avertissementsTotal?: number;
}

export const IMPORT_NATIONAL_LIGNE_NATURES = ['erreur', 'changement', 'avertissement'] as const;

export class ImportNationalLignesQuery extends OmitType(ImportLignesQuery, ['nature'] as const) {
  @ApiPropertyOptional({ enum: IMPORT_NATIONAL_LIGNE_NATURES, default: 'erreur', description: 'Lignes rejetées (erreur), mises à jour (changement) ou acceptées avec un avertissement (avertissement)' })
  @IsOptional()
  @IsIn(IMPORT_NATIONAL_LIGNE_NATURES as unknown as string[], { message: 'Nature erreur, changement ou avertissement.' })
  nature?: (typeof IMPORT_NATIONAL_LIGNE_NATURES)[number];
}

export class ImportNationalDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: NATIONAL_IMPORT_TYPES }) type!: NationalImportType;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) demarcheId!: string | null;
  @ApiProperty({ type: String, nullable: true }) demarcheNom!: string | null;
  @ApiProperty() nomFichier!: string;
  @ApiProperty({ enum: NATIONAL_IMPORT_STATUTS }) statut!: NationalImportStatut;
  @ApiProperty({ type: ImportNationalApercuDto, nullable: true, description: 'L’aperçu calculé à l’envoi du fichier' }) apercu!: ImportNationalApercuDto | null;
  @ApiProperty({ description: 'Lignes de données du fichier (lignes vides exclues)' }) totalLignes!: number;
  @ApiProperty({ description: 'Lignes traitées jusqu’ici (progression)' }) lignesTraitees!: number;
  @ApiProperty() crees!: number;
  @ApiProperty() misAJour!: number;
  @ApiProperty() inchanges!: number;
  @ApiProperty() rejetes!: number;
  @ApiProperty({ description: 'Erreurs du compte rendu (GET /imports-nationaux/:id/lignes?nature=erreur)' }) rejetsTotal!: number;
  @ApiProperty({ description: 'Lignes mises à jour du compte rendu (nature=changement)' }) changementsTotal!: number;
  @ApiProperty({ description: 'Avertissements du compte rendu (nature=avertissement)' }) avertissementsTotal!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Pourquoi l’import a échoué' }) erreur!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'La tâche de fond qui l’applique' }) jobId!: string | null;
  @ApiProperty({ type: String, nullable: true }) auteur!: string | null;
  @ApiProperty({ format: 'date-time' }) creeLe!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) confirmeLe!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) termineLe!: string | null;
}
