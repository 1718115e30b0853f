import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsUUID } from 'class-validator';
import { IsIsoDay } from '../../core/http/iso-day';

const REASONS = [
  'LIGNE_TEST',
  'VALEUR_NA',
  'ID_PVD_MANQUANT',
  'CODE_INSEE_INVALIDE',
  'CODE_INSEE_INCONNU',
  'CODE_INSEE_OBSOLETE',
  'DOUBLON',
  'DATE_INVALIDE',
  'COMMUNE_RETIREE',
  'DEPLACEMENT_BLOQUE',
];

export class PvdImportLineDto {
  @ApiProperty({ description: 'Numéro de ligne dans le fichier (en-tête = 1)' }) line!: number;
  @ApiProperty({ enum: ['accepted', 'rejected'] }) status!: 'accepted' | 'rejected';
  @ApiProperty({ type: String, nullable: true }) insee!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'id_pvd retenu (provisoire PROV-<insee> pour un id_pvd vide)' }) idPvd!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: REASONS }) reason!: string | null;
  @ApiProperty({ type: String, nullable: true }) message!: string | null;
  @ApiProperty({ type: [String] }) warnings!: string[];
}

export class PvdImportSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty({ enum: ['officiel', 'export-2021'] }) format!: 'officiel' | 'export-2021';
  @ApiProperty({ format: 'date-time' }) importedAt!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Adresse de la personne qui a importé' }) importedBy!: string | null;
  @ApiProperty({ enum: ['apercu', 'applique'], description: 'apercu : rien n’est encore appliqué ; applique : confirmé' }) statut!: 'apercu' | 'applique';
  @ApiProperty({ type: String, nullable: true, format: 'date', description: 'Date d’effet donnée avec le fichier' }) dateEffet!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 du fichier' }) fichierHash!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) appliqueAt!: string | null;
  @ApiProperty({ description: 'Lignes de données lues' }) totalLines!: number;
  @ApiProperty({ description: 'Communes ajoutées au programme' }) created!: number;
  @ApiProperty({ description: 'Communes changées de PVD (ou dont la date a changé)' }) updated!: number;
  @ApiProperty() unchanged!: number;
  @ApiProperty() rejected!: number;
}

export class PvdImportMoveDto {
  @ApiProperty() insee!: string;
  @ApiProperty() nom!: string;
  @ApiProperty({ description: 'id_pvd quitté' }) depuis!: string;
  @ApiProperty({ description: 'id_pvd rejoint' }) vers!: string;
}

export class PvdImportRenameDto {
  @ApiProperty() depuis!: string;
  @ApiProperty() vers!: string;
}

export class PvdImportChoiceDto {
  @ApiProperty({ description: 'PVD dont toutes les communes partent : quel groupe garde son dossier ?' }) idPvd!: string;
  @ApiProperty({ type: [String] }) options!: string[];
  @ApiProperty({ description: 'Groupe de la commune qui porte le dossier' }) propose!: string;
  @ApiProperty() retenu!: string;
}

export class CoverageAreaDto {
  @ApiProperty() code!: string;
  @ApiProperty() nom!: string;
}

export class CoverageSetDto {
  @ApiProperty({ type: [CoverageAreaDto] }) presents!: CoverageAreaDto[];
  @ApiProperty({ type: [CoverageAreaDto], description: 'Sans aucune ligne dans le fichier' }) absents!: CoverageAreaDto[];
}

export class FileCoverageDto {
  @ApiProperty({ type: CoverageSetDto }) departements!: CoverageSetDto;
  @ApiProperty({ type: CoverageSetDto }) regions!: CoverageSetDto;
}

export class PvdImportBilanDto {
  @ApiProperty({ type: String, nullable: true, format: 'date' }) dateEffet!: string | null;
  @ApiProperty({ description: 'Communes du fichier gardées dans le programme' }) communesProgramme!: number;
  @ApiProperty({ description: 'Communes sans id_pvd, dans une PVD provisoire' }) provisoires!: number;
  @ApiProperty() pvdCreees!: number;
  @ApiProperty({ type: [PvdImportMoveDto] }) deplacements!: PvdImportMoveDto[];
  @ApiProperty({ type: [PvdImportRenameDto], description: 'PVD gardées sous un nouvel id_pvd (dossier conservé)' }) renommees!: PvdImportRenameDto[];
  @ApiProperty({ type: [PvdImportChoiceDto] }) choix!: PvdImportChoiceDto[];
  @ApiProperty({ description: 'Communes du programme absentes du fichier (laissées telles quelles)' }) absentesDuFichier!: number;
  @ApiProperty({ type: FileCoverageDto }) couverture!: FileCoverageDto;
}

export class PvdImportReportDto extends PvdImportSummaryDto {
  @ApiProperty({ type: [PvdImportLineDto], description: 'Lignes rejetées et lignes acceptées avec avertissement' })
  lines!: PvdImportLineDto[];
  @ApiProperty({ type: PvdImportBilanDto, nullable: true, description: 'Absent pour les imports antérieurs à l’aperçu' })
  bilan!: PvdImportBilanDto | null;
}

export class PvdImportIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4', { message: 'Identifiant d’import invalide.' })
  id!: string;
}

/** Fields sent with the file. */
export class PvdImportUploadDto {
  @ApiPropertyOptional({ format: 'date', description: 'Date d’effet (AAAA-MM-JJ) : entrée des communes sans date de signature, date des déplacements. Par défaut : le jour de l’import.' })
  @IsOptional()
  @IsIsoDay()
  dateEffet?: string;
}

export class PvdImportConfirmDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Pour chaque PVD à choix : id_pvd quitté → id_pvd du groupe qui garde le dossier. Par défaut : le groupe proposé.',
  })
  @IsOptional()
  @IsObject({ message: 'Un objet est attendu (id_pvd quitté → id_pvd retenu).' })
  choix?: Record<string, string>;
}
