import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HABITAT_OPERATION_PHASES, HABITAT_OPERATION_TYPES, MOTIF_DEPASSEMENT_MAX, type HabitatOperationPhase, type HabitatOperationType } from '@suivi-pvd/domain';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsIsoDay } from '../../core/http/iso-day';
import { CommuneCouverteDto, INSEE } from './ort.dto';
import { CoverageListQuery } from './coverage-list.dto';

const CENTS = 'Montant en centimes (entier positif).';
const LOGEMENTS = 'Un nombre entier de logements, positif.';

export class OperationIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Identifiant d’opération invalide.' })
  id!: string;
}

export class ObjectifAnnuelInput {
  @ApiProperty({ example: 2026 })
  @IsInt({ message: 'Année invalide.' })
  @Min(2000, { message: 'Année invalide.' })
  @Max(2100, { message: 'Année invalide.' })
  annee!: number;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Objectif de logements de l’année' })
  @IsOptional()
  @IsInt({ message: LOGEMENTS })
  @Min(0, { message: LOGEMENTS })
  @Max(1_000_000, { message: 'Valeur trop grande (1 000 000 au plus).' })
  objectif?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Logements traités dans l’année' })
  @IsOptional()
  @IsInt({ message: LOGEMENTS })
  @Min(0, { message: LOGEMENTS })
  @Max(1_000_000, { message: 'Valeur trop grande (1 000 000 au plus).' })
  traites?: number | null;
}

export class OperationHabitatFields {
  @ApiProperty({ enum: HABITAT_OPERATION_TYPES })
  @IsIn(HABITAT_OPERATION_TYPES as unknown as string[], { message: 'Type d’opération inconnu.' })
  type!: HabitatOperationType;

  @ApiProperty({ example: 'OPAH-RR de la communauté de communes' })
  @IsString()
  @MinLength(3, { message: 'Indiquez l’intitulé de l’opération.' })
  @MaxLength(300)
  libelle!: string;

  @ApiProperty({ enum: ['commune', 'epci'] })
  @IsIn(['commune', 'epci'], { message: 'Le maître d’ouvrage est une commune ou un EPCI.' })
  maitreOuvrageType!: 'commune' | 'epci';

  @ApiProperty({ description: 'Code INSEE de la commune ou SIREN de l’EPCI' })
  @IsString()
  @Matches(/^(\d{5}|2[AB]\d{3}|\d{9})$/, { message: 'Code INSEE (5 caractères) ou SIREN (9 chiffres).' })
  maitreOuvrageCode!: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Opérateur de suivi-animation' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  operateur?: string | null;

  @ApiProperty({ enum: HABITAT_OPERATION_PHASES })
  @IsIn(HABITAT_OPERATION_PHASES as unknown as string[], { message: 'Phase inconnue.' })
  phase!: HabitatOperationPhase;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'Début de la phase' })
  @IsOptional()
  @IsIsoDay()
  dateDebut?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'Fin prévue ou clôture' })
  @IsOptional()
  @IsIsoDay()
  dateFin?: string | null;

  @ApiProperty({ type: [String], description: 'Codes INSEE des communes couvertes', example: ['23001', '23002'] })
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(INSEE, { each: true, message: 'Code INSEE invalide.' })
  communes!: string[];

  @ApiProperty({ type: [ObjectifAnnuelInput] })
  @IsArray()
  @ArrayMaxSize(30)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ObjectifAnnuelInput)
  objectifs!: ObjectifAnnuelInput[];

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Engagement de l’Anah, en centimes' })
  @IsOptional()
  @IsInt({ message: CENTS })
  @Min(0, { message: CENTS })
  @Max(100_000_000_000, { message: 'Montant trop élevé (1 milliard d’euros au plus).' })
  engagementAnah?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Engagement de la collectivité, en centimes' })
  @IsOptional()
  @IsInt({ message: CENTS })
  @Min(0, { message: CENTS })
  @Max(100_000_000_000, { message: 'Montant trop élevé (1 milliard d’euros au plus).' })
  engagementCollectivite?: number | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'Motif d’engagements inhabituels pour le type d’opération et la population couverte : obligatoire dans ce cas (sinon `MONTANT_A_JUSTIFIER`), conservé avec l’opération et dans l’historique ; ignoré sinon',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MOTIF_DEPASSEMENT_MAX)
  motifDepassement?: string | null;
}

export class UpdateOperationHabitatInput extends OperationHabitatFields {
  @ApiProperty({ description: 'Version lue' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}

export class OperationsHabitatQuery extends CoverageListQuery {
  @ApiPropertyOptional({ enum: HABITAT_OPERATION_TYPES })
  @IsOptional()
  @IsIn(HABITAT_OPERATION_TYPES as unknown as string[], { message: 'Type d’opération inconnu.' })
  type?: HabitatOperationType;

  @ApiPropertyOptional({ enum: HABITAT_OPERATION_PHASES })
  @IsOptional()
  @IsIn(HABITAT_OPERATION_PHASES as unknown as string[], { message: 'Phase inconnue.' })
  phase?: HabitatOperationPhase;

}

export class ObjectifAnnuelDto {
  @ApiProperty() annee!: number;
  @ApiProperty({ type: Number, nullable: true }) objectif!: number | null;
  @ApiProperty({ type: Number, nullable: true }) traites!: number | null;
}

export class MaitreOuvrageDto {
  @ApiProperty({ enum: ['commune', 'epci'] }) type!: 'commune' | 'epci';
  @ApiProperty() code!: string;
  @ApiProperty({ type: String, nullable: true }) nom!: string | null;
}

export class OperationHabitatSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: HABITAT_OPERATION_TYPES }) type!: HabitatOperationType;
  @ApiProperty() libelle!: string;
  @ApiProperty({ enum: HABITAT_OPERATION_PHASES }) phase!: HabitatOperationPhase;
  @ApiProperty({ type: MaitreOuvrageDto }) maitreOuvrage!: MaitreOuvrageDto;
  @ApiProperty({ type: String, nullable: true }) operateur!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dateDebut!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dateFin!: string | null;
  @ApiProperty({ type: [CommuneCouverteDto] }) communes!: CommuneCouverteDto[];
  @ApiProperty({ type: Number, nullable: true, description: 'Objectif de logements, toutes années' }) objectifTotal!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Logements traités, toutes années' }) traitesTotal!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'En centimes' }) engagementAnah!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'En centimes' }) engagementCollectivite!: number | null;
}

export class OperationHabitatDto extends OperationHabitatSummaryDto {
  @ApiProperty({ type: [ObjectifAnnuelDto] }) objectifs!: ObjectifAnnuelDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Référence chez le partenaire qui l’importe' }) referenceExterne!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Motif d’engagements inhabituels' }) motifDepassement!: string | null;
  @ApiProperty() peutModifier!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) modifieLe!: string;
  @ApiProperty({ type: String, nullable: true }) modifiePar!: string | null;
}

export class OperationsHabitatTotauxDto {
  @ApiProperty({ description: 'Opérations de la sélection (une opération compte une fois)' }) operations!: number;
  @ApiProperty({ description: 'Communes du programme (membres d’une PVD aujourd’hui) couvertes par la sélection (dans la région ou le département filtré), chacune une fois' })
  communes!: number;
  @ApiProperty({ description: 'Autres communes couvertes (hors PVD), chacune une fois : elles ne comptent pas dans les chiffres du programme' }) communesHorsPvd!: number;
  @ApiProperty({ description: 'Petites villes de demain couvertes' }) pvd!: number;
}

export class TerritoireChoixDto {
  @ApiProperty() code!: string;
  @ApiProperty() nom!: string;
}

export class OperationsHabitatPageDto {
  @ApiProperty({ type: [OperationHabitatSummaryDto] }) items!: OperationHabitatSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ type: OperationsHabitatTotauxDto }) totaux!: OperationsHabitatTotauxDto;
  @ApiProperty({ type: [TerritoireChoixDto], description: 'Régions où l’utilisateur voit des opérations' }) regions!: TerritoireChoixDto[];
  @ApiProperty({ type: [TerritoireChoixDto], description: 'Départements où l’utilisateur voit des opérations' }) departements!: TerritoireChoixDto[];
  @ApiProperty({ description: 'L’utilisateur peut saisir une opération (pour la PVD filtrée, ou quelque part sinon)' }) peutCreer!: boolean;
}
