import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class PvdImportLineDto {
  @ApiProperty({ description: 'Numéro de ligne dans le fichier (en-tête = 1)' }) line!: number;
  @ApiProperty({ enum: ['accepted', 'rejected'] }) status!: 'accepted' | 'rejected';
  @ApiProperty({ type: String, nullable: true }) insee!: string | null;
  @ApiProperty({ type: String, nullable: true }) idPvd!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['LIGNE_TEST', 'VALEUR_NA', 'ID_PVD_MANQUANT', 'CODE_INSEE_INVALIDE', 'CODE_INSEE_INCONNU', 'CODE_INSEE_OBSOLETE', 'DOUBLON', 'DATE_INVALIDE'],
  })
  reason!: string | null;
  @ApiProperty({ type: String, nullable: true }) message!: string | null;
  @ApiProperty({ type: [String] }) warnings!: string[];
}

export class PvdImportSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty({ enum: ['officiel', 'export-2021'] }) format!: 'officiel' | 'export-2021';
  @ApiProperty({ format: 'date-time' }) importedAt!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Adresse de la personne qui a importé' }) importedBy!: string | null;
  @ApiProperty({ description: 'Lignes de données lues' }) totalLines!: number;
  @ApiProperty({ description: 'Communes ajoutées au programme' }) created!: number;
  @ApiProperty({ description: 'Communes dont la PVD ou la date a changé' }) updated!: number;
  @ApiProperty() unchanged!: number;
  @ApiProperty() rejected!: number;
}

export class PvdImportReportDto extends PvdImportSummaryDto {
  @ApiProperty({ type: [PvdImportLineDto], description: 'Lignes rejetées et lignes acceptées avec avertissement' })
  lines!: PvdImportLineDto[];
}

export class PvdImportIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4', { message: 'Identifiant d’import invalide.' })
  id!: string;
}

