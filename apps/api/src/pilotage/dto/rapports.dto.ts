import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { IsIsoDay } from '../../core/http/iso-day';
import { RAPPORT_PORTEES, RAPPORT_STATUTS, type RapportPortee, type RapportStatut } from '../rapport.entity';

/** POST /api/rapports: the scope and the day of the report. */
export class CreateRapportDto {
  @ApiProperty({ enum: RAPPORT_PORTEES, description: 'Échelle du rapport : nation, région ou département' })
  @IsIn([...RAPPORT_PORTEES], { message: 'Portée : nation, region ou departement.' })
  portee!: RapportPortee;

  @ApiPropertyOptional({ description: 'Code de la région (« 75 ») ou du département (« 23 », « 2A », « 971 »)', example: '23' })
  @ValidateIf((d: CreateRapportDto) => d.portee !== 'nation')
  @IsString({ message: 'Indiquez le code de la zone.' })
  @MaxLength(3, { message: 'Code de zone invalide.' })
  @Matches(/^[0-9AB]{2,3}$/, { message: 'Code de zone invalide.' })
  code?: string;

  @ApiPropertyOptional({ description: 'Jour des données (« au … ») ; aujourd’hui par défaut', example: '2024-01-01' })
  @IsOptional()
  @IsIsoDay()
  date?: string;
}

export class RapportIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Identifiant de rapport invalide.' })
  id!: string;
}

export class RapportDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: RAPPORT_PORTEES }) portee!: RapportPortee;
  @ApiProperty({ type: String, nullable: true }) code!: string | null;
  @ApiProperty({ description: 'La zone, en clair (« France entière », « Creuse (23) »)' }) libelle!: string;
  @ApiProperty({ format: 'date', description: 'Jour des données' }) date!: string;
  @ApiProperty({ enum: RAPPORT_STATUTS }) statut!: RapportStatut;
  @ApiProperty({ description: 'Avancement de la génération, en %' }) progression!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Pourquoi la génération a échoué' }) erreur!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Taille du PDF en octets' }) taille!: number | null;
  @ApiProperty({ description: 'Demandé par' }) demandePar!: string;
  @ApiProperty({ format: 'date-time' }) creeLe!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) genereLe!: string | null;
  @ApiProperty() publie!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publieLe!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Identifiant de la tâche de fond' }) jobId!: string | null;
  @ApiProperty({ description: 'Nom du fichier PDF' }) nomFichier!: string;
}

export class RapportListDto {
  @ApiProperty({ type: [RapportDto] }) items!: RapportDto[];
}
