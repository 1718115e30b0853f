import { ApiProperty } from '@nestjs/swagger';

export class DensiteRejectedLineDto {
  @ApiProperty() line!: number;
  @ApiProperty({ type: String, nullable: true }) insee!: string | null;
  @ApiProperty() message!: string;
}

export class DensiteImportResultDto {
  @ApiProperty({ enum: ['csv', 'xlsx'], description: 'Format du fichier lu' }) format!: 'csv' | 'xlsx';
  @ApiProperty({ description: 'Ligne de l’en-tête dans le fichier (après les lignes de titre du fichier INSEE)' }) headerLine!: number;
  @ApiProperty({ description: 'Lignes de données lues' }) totalLines!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() unchanged!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty({ type: [DensiteRejectedLineDto] }) lines!: DensiteRejectedLineDto[];
}
