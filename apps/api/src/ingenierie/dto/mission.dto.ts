import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MISSION_NATURES, MISSION_STATUTS, PLAN_ACTION_THEMES, type MissionNature, type MissionStatut, type PlanActionTheme } from '@suivi-pvd/domain';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { DocumentDto } from '../../conventions/dto/convention.dto';
import { IsIsoDay } from '../../core/http/iso-day';
import { SizedPageQuery } from '../../core/http/page-query';
import { IsDepartementCode } from '../../core/http/territory-codes';
import { OptionalNotNull } from '../../core/http/optional';

const CENTS = 'Montant en centimes (entier positif).';

export class MissionIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Identifiant de mission invalide.' })
  id!: string;
}

export class MissionFields {
  @ApiProperty({ format: 'uuid', description: 'Financeur (liste gérée par l’ANCT) ; un partenaire ne choisit que le sien' })
  @IsUUID('all', { message: 'Choisissez le financeur.' })
  financeurId!: string;

  @ApiProperty({ enum: MISSION_NATURES })
  @IsIn(MISSION_NATURES as unknown as string[], { message: 'Nature de mission inconnue.' })
  nature!: MissionNature;

  @ApiPropertyOptional({ enum: PLAN_ACTION_THEMES, nullable: true })
  @IsOptional()
  @IsIn(PLAN_ACTION_THEMES as unknown as string[], { message: 'Thématique inconnue.' })
  thematique?: PlanActionTheme | null;

  @ApiProperty({ example: 'Étude de revitalisation commerciale du centre-bourg' })
  @IsString()
  @MinLength(3, { message: 'Indiquez l’intitulé de la mission.' })
  @MaxLength(300)
  intitule!: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Prestataire ou opérateur' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  prestataire?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Montant engagé, en centimes' })
  @IsOptional()
  @IsInt({ message: CENTS })
  @Min(0, { message: CENTS })
  @Max(100_000_000_000, { message: 'Montant trop élevé (1 milliard d’euros au plus).' })
  montantEngage?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Montant versé, en centimes' })
  @IsOptional()
  @IsInt({ message: CENTS })
  @Min(0, { message: CENTS })
  @Max(100_000_000_000, { message: 'Montant trop élevé (1 milliard d’euros au plus).' })
  montantVerse?: number | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsIsoDay()
  dateDemande?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsIsoDay()
  dateDebut?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsIsoDay()
  dateFin?: string | null;

  @ApiProperty({ enum: MISSION_STATUTS })
  @IsIn(MISSION_STATUTS as unknown as string[], { message: 'Statut inconnu.' })
  statut!: MissionStatut;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Jour où le financement a été accordé : obligatoire aux statuts accordée, en cours et livrée (pas dans le futur, pas avant la demande)',
  })
  @IsOptional()
  @IsIsoDay()
  dateEngagement?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Référence du dossier chez le financeur' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  referenceExterne?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Source des données (outil, extraction, fichier)' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  source?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'Date à laquelle les données étaient vraies' })
  @IsOptional()
  @IsIsoDay()
  dateSource?: string | null;
}

export class CreateMissionInput extends MissionFields {
  @ApiProperty({ format: 'uuid', description: 'La PVD qui bénéficie de la mission' })
  @IsUUID('all', { message: 'Choisissez la petite ville de demain.' })
  pvdId!: string;
}

export class UpdateMissionInput extends MissionFields {
  @ApiProperty({ description: 'Version lue' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}

export class MissionsQuery extends SizedPageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'Identifiant de PVD invalide.' })
  pvdId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'Identifiant de financeur invalide.' })
  financeurId?: string;

  @ApiPropertyOptional({ enum: MISSION_STATUTS })
  @IsOptional()
  @IsIn(MISSION_STATUTS as unknown as string[], { message: 'Statut inconnu.' })
  statut?: MissionStatut;

  @ApiPropertyOptional({ enum: MISSION_NATURES })
  @IsOptional()
  @IsIn(MISSION_NATURES as unknown as string[], { message: 'Nature inconnue.' })
  nature?: MissionNature;

  @ApiPropertyOptional({ description: 'Code du département' })
  @IsOptional()
  @IsDepartementCode()
  departement?: string;

  @ApiPropertyOptional({ description: 'Recherche dans l’intitulé, le prestataire, la référence et le nom de la PVD' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class PvdChoixQuery {
  @ApiProperty({ description: 'Nom (ou partie du nom) d’une commune de la PVD, ou début de son code INSEE' })
  @IsString()
  @MinLength(2, { message: 'Tapez au moins deux caractères.' })
  @MaxLength(100)
  q!: string;
}

export class PvdChoixDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() nom!: string;
  @ApiProperty() departementCode!: string;
}

export class MissionSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) pvdId!: string;
  @ApiProperty() pvdNom!: string;
  @ApiProperty() departementCode!: string;
  @ApiProperty({ format: 'uuid' }) financeurId!: string;
  @ApiProperty() financeurNom!: string;
  @ApiProperty({ enum: MISSION_NATURES }) nature!: MissionNature;
  @ApiProperty() intitule!: string;
  @ApiProperty({ enum: MISSION_STATUTS }) statut!: MissionStatut;
  @ApiProperty({ type: Number, nullable: true }) montantEngage!: number | null;
  @ApiProperty({ type: Number, nullable: true }) montantVerse!: number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dateDebut!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dateFin!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Jour où le financement a été accordé' }) dateEngagement!: string | null;
}

export class MissionTotauxDto {
  @ApiProperty({ description: 'Missions de la sélection' }) nombre!: number;
  @ApiProperty({ description: 'Missions financées de la sélection (accordées, en cours ou livrées ; les missions demandées et abandonnées ne comptent pas)' }) financees!: number;
  @ApiProperty({ description: 'Montant engagé des missions financées de la sélection, en centimes' }) montantEngage!: number;
  @ApiProperty({ description: 'Montant versé des missions financées de la sélection, en centimes' }) montantVerse!: number;
}

export class MissionsPageDto {
  @ApiProperty({ type: [MissionSummaryDto] }) items!: MissionSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ type: MissionTotauxDto }) totaux!: MissionTotauxDto;
  @ApiProperty({ description: 'L’utilisateur peut saisir une mission : pour la PVD filtrée (pvdId), ou quelque part sinon' }) peutCreer!: boolean;
}

export class MissionDto extends MissionSummaryDto {
  @ApiProperty({ enum: PLAN_ACTION_THEMES, nullable: true }) thematique!: PlanActionTheme | null;
  @ApiProperty({ type: String, nullable: true }) prestataire!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dateDemande!: string | null;
  @ApiProperty({ type: String, nullable: true }) referenceExterne!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Source des données' }) source!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Date à laquelle les données étaient vraies' }) dateSource!: string | null;
  @ApiProperty({ type: [DocumentDto] }) livrables!: DocumentDto[];
  @ApiProperty() peutModifier!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) modifieLe!: string;
  @ApiProperty({ type: String, nullable: true }) modifiePar!: string | null;
}

export class AddLivrableInput {
  @ApiPropertyOptional({ description: 'Titre (par défaut : le nom du fichier)' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(200)
  titre?: string;
}

// ---------------------------------------------------------------------------------------------
// Funders

export class FinanceurIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Identifiant de financeur invalide.' })
  id!: string;
}

export class FinanceurDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() nom!: string;
  @ApiProperty() actif!: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) organisationId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Organisation partenaire dont les membres saisissent ses missions' }) organisationNom!: string | null;
  @ApiProperty({ description: 'L’utilisateur peut saisir des missions de ce financeur' }) saisissable!: boolean;
  @ApiProperty() version!: number;
}

export class FinanceurInput {
  @ApiProperty({ example: 'Région Nouvelle-Aquitaine' })
  @IsString()
  @MinLength(2, { message: 'Indiquez le nom du financeur.' })
  @MaxLength(200)
  nom!: string;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid', description: 'Organisation partenaire liée' })
  @IsOptional()
  @IsUUID('all', { message: 'Organisation invalide.' })
  organisationId?: string | null;

  @ApiProperty()
  @IsBoolean({ message: 'Actif : oui ou non.' })
  actif!: boolean;
}

export class UpdateFinanceurInput extends FinanceurInput {
  @ApiProperty({ description: 'Version lue' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}

export class OrganisationPartenaireDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() nom!: string;
}

export class FinanceursDto {
  @ApiProperty({ type: [FinanceurDto] }) financeurs!: FinanceurDto[];
  @ApiProperty({ type: [OrganisationPartenaireDto], description: 'Organisations partenaires (pour l’administration)' }) organisationsPartenaires!: OrganisationPartenaireDto[];
}
