import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FINANCEMENT_NATURES, FINANCEMENT_STATUTS, MOTIF_DEPASSEMENT_MAX, PILIERS, type FinancementNature, type FinancementStatut, type Pilier } from '@suivi-pvd/domain';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsIsoDay } from '../../core/http/iso-day';
import { IsDepartementCode, IsRegionCode } from '../../core/http/territory-codes';

const BENEFICIAIRE_TYPES = ['commune', 'epci'] as const;
const CODE_MESSAGE = 'Code INSEE (5 caractères) d’une commune ou SIREN (9 chiffres) d’un EPCI.';

// ---------------------------------------------------------------------------------------------
// Catalogue

export class DispositifIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Identifiant de dispositif invalide.' })
  id!: string;
}

export class DispositifInput {
  @ApiProperty({ example: 'Fonds vert' })
  @IsString()
  @MinLength(2, { message: 'Indiquez le nom du dispositif.' })
  @MaxLength(200)
  nom!: string;

  @ApiProperty({ format: 'uuid', description: 'Financeur (liste gérée par l’ANCT)' })
  @IsUUID('all', { message: 'Choisissez le financeur.' })
  financeurId!: string;

  @ApiProperty({ enum: PILIERS })
  @IsIn(PILIERS as unknown as string[], { message: 'Pilier inconnu.' })
  pilier!: Pilier;

  @ApiProperty({ enum: FINANCEMENT_NATURES })
  @IsIn(FINANCEMENT_NATURES as unknown as string[], { message: 'Nature inconnue.' })
  nature!: FinancementNature;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Première année du programme' })
  @IsOptional()
  @IsInt({ message: 'Année invalide.' })
  @Min(2000, { message: 'Année invalide.' })
  @Max(2100, { message: 'Année invalide.' })
  anneeDebut?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Dernière année du programme (aucune : en cours)' })
  @IsOptional()
  @IsInt({ message: 'Année invalide.' })
  @Min(2000, { message: 'Année invalide.' })
  @Max(2100, { message: 'Année invalide.' })
  anneeFin?: number | null;

  @ApiProperty({ description: 'Les lignes comptent les logements rénovés' })
  @IsBoolean({ message: 'Oui ou non.' })
  compteLogements!: boolean;

  @ApiProperty({ description: 'Les lignes comptent les dossiers acceptés' })
  @IsBoolean({ message: 'Oui ou non.' })
  compteDossiers!: boolean;

  @ApiProperty({ description: 'Ouvert à de nouvelles lignes' })
  @IsBoolean({ message: 'Oui ou non.' })
  actif!: boolean;
}

export class UpdateDispositifInput extends DispositifInput {
  @ApiProperty({ description: 'Version lue' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}

export class DispositifDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() nom!: string;
  @ApiProperty({ format: 'uuid' }) financeurId!: string;
  @ApiProperty() financeurNom!: string;
  @ApiProperty({ enum: PILIERS }) pilier!: Pilier;
  @ApiProperty({ enum: FINANCEMENT_NATURES }) nature!: FinancementNature;
  @ApiProperty({ type: Number, nullable: true }) anneeDebut!: number | null;
  @ApiProperty({ type: Number, nullable: true }) anneeFin!: number | null;
  @ApiProperty() compteLogements!: boolean;
  @ApiProperty() compteDossiers!: boolean;
  @ApiProperty() actif!: boolean;
  @ApiProperty({ description: 'Lignes de financement enregistrées (toutes, pour l’administration du catalogue)' }) nombreLignes!: number;
  @ApiProperty({ description: 'L’utilisateur peut saisir des lignes de ce dispositif (actif, et le sien pour un partenaire)' }) saisissable!: boolean;
  @ApiProperty() version!: number;
}

export class DispositifsDto {
  @ApiProperty({ type: [DispositifDto] }) dispositifs!: DispositifDto[];
  @ApiProperty({ description: 'L’utilisateur gère le catalogue' }) peutGerer!: boolean;
}

// ---------------------------------------------------------------------------------------------
// Financing lines

export class LigneIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Identifiant de ligne de financement invalide.' })
  id!: string;
}

export class LigneFields {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Choisissez le dispositif.' })
  dispositifId!: string;

  @ApiProperty({ enum: BENEFICIAIRE_TYPES })
  @IsIn(BENEFICIAIRE_TYPES as unknown as string[], { message: 'Bénéficiaire : commune ou EPCI.' })
  beneficiaireType!: 'commune' | 'epci';

  @ApiProperty({ description: 'Code INSEE de la commune ou SIREN de l’EPCI', example: '23001' })
  @Matches(/^(\d[\dAB]\d{3}|\d{9})$/, { message: CODE_MESSAGE })
  beneficiaireCode!: string;

  @ApiProperty({ description: 'Projet financé', example: 'Rénovation des halles' })
  @IsString()
  @MinLength(2, { message: 'Indiquez le projet financé.' })
  @MaxLength(300)
  projet!: string;

  @ApiProperty({ description: 'Montant, en centimes' })
  @IsInt({ message: 'Montant en centimes (entier positif).' })
  @Min(1, { message: 'Le montant est positif.' })
  @Max(100_000_000_000, { message: 'Montant trop élevé (1 milliard d’euros au plus).' })
  montant!: number;

  @ApiProperty({ enum: FINANCEMENT_STATUTS })
  @IsIn(FINANCEMENT_STATUTS as unknown as string[], { message: 'Statut inconnu.' })
  statut!: FinancementStatut;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsIsoDay()
  dateDemande?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsIsoDay()
  dateEngagement?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsIsoDay()
  dateContractualisation?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsIsoDay()
  dateVersement?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Année de la campagne (de l’appel à projets, de la programmation)' })
  @IsOptional()
  @IsInt({ message: 'Année de campagne invalide.' })
  @Min(2000, { message: 'Année de campagne invalide.' })
  @Max(2100, { message: 'Année de campagne invalide.' })
  anneeCampagne?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Référence du dossier chez le financeur' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  referenceExterne?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'D’où vient le chiffre (« Anah »)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  source?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'Date de la donnée' })
  @IsOptional()
  @IsIsoDay()
  dateSource?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Logements rénovés (si le dispositif les compte)' })
  @IsOptional()
  @IsInt({ message: 'Un nombre entier de logements.' })
  @Min(0, { message: 'Un nombre entier de logements, positif.' })
  @Max(1_000_000, { message: 'Valeur trop grande (1 000 000 au plus).' })
  logements?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Dossiers acceptés (si le dispositif les compte)' })
  @IsOptional()
  @IsInt({ message: 'Un nombre entier de dossiers.' })
  @Min(0, { message: 'Un nombre entier de dossiers, positif.' })
  @Max(2_147_483_647)
  dossiers?: number | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Motif d’un montant inhabituel pour le dispositif : obligatoire dans ce cas (sinon `MONTANT_A_JUSTIFIER`), conservé avec la ligne et dans l’historique ; ignoré sinon',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MOTIF_DEPASSEMENT_MAX)
  motifDepassement?: string | null;
}

export class UpdateLigneInput extends LigneFields {
  @ApiProperty({ description: 'Version lue' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}

export { VersionQuery } from '../../core/http/version-query';

/** The filters of the national list, shared by the page and the exports. */
export class LignesFilters {
  @ApiPropertyOptional({ format: 'uuid', description: 'Lignes d’une PVD : ses communes, son EPCI et celui de ses communes' })
  @IsOptional()
  @IsUUID('all', { message: 'Identifiant de PVD invalide.' })
  pvdId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'Identifiant de dispositif invalide.' })
  dispositifId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'Identifiant de financeur invalide.' })
  financeurId?: string;

  @ApiPropertyOptional({ enum: PILIERS })
  @IsOptional()
  @IsIn(PILIERS as unknown as string[], { message: 'Pilier inconnu.' })
  pilier?: Pilier;

  @ApiPropertyOptional({ enum: FINANCEMENT_STATUTS })
  @IsOptional()
  @IsIn(FINANCEMENT_STATUTS as unknown as string[], { message: 'Statut inconnu.' })
  statut?: FinancementStatut;

  @ApiPropertyOptional({ description: 'Année de campagne' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'Année invalide.' })
  @Min(2000)
  @Max(2100)
  annee?: number;

  @ApiPropertyOptional({ description: 'Code de la région' })
  @IsOptional()
  @IsRegionCode()
  region?: string;

  @ApiPropertyOptional({ description: 'Code du département : celui de la commune bénéficiaire, ou celui du siège de l’EPCI bénéficiaire (sa commune la plus peuplée)' })
  @IsOptional()
  @IsDepartementCode()
  departement?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true : seulement les lignes hors PVD (bénéficiaire hors du programme aujourd’hui) ; false : seulement celles du programme' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'Hors PVD : true ou false.' })
  horsPvd?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'Recherche dans le projet, la référence, le bénéficiaire et le dispositif' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class LignesQuery extends LignesFilters {
  // The paging of SizedPageQuery (a class extends one class: the filters are the shared part).
  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  page?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export class ExportQuery extends LignesFilters {
  @ApiProperty({ enum: EXPORT_FORMATS })
  @IsIn(EXPORT_FORMATS as unknown as string[], { message: 'Format : csv ou xlsx.' })
  format!: ExportFormat;
}

/** A PVD a line's beneficiary belongs to, whose dossier the caller opens. */
export class LignePvdDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() nom!: string;
}

export class LigneSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) dispositifId!: string;
  @ApiProperty() dispositifNom!: string;
  @ApiProperty({ format: 'uuid' }) financeurId!: string;
  @ApiProperty() financeurNom!: string;
  @ApiProperty({ enum: PILIERS }) pilier!: Pilier;
  @ApiProperty({ enum: FINANCEMENT_NATURES }) nature!: FinancementNature;
  @ApiProperty({ enum: BENEFICIAIRE_TYPES }) beneficiaireType!: 'commune' | 'epci';
  @ApiProperty() beneficiaireCode!: string;
  @ApiProperty() beneficiaireNom!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Département de la commune (pour un EPCI : celui de son siège, sa commune la plus peuplée)' }) departementCode!: string | null;
  @ApiProperty({ description: 'Bénéficiaire hors du programme aujourd’hui (commune non membre, EPCI sans commune membre) : la ligne est listée mais ne compte pas dans les totaux' })
  horsPvd!: boolean;
  @ApiProperty() projet!: string;
  @ApiProperty({ description: 'En centimes' }) montant!: number;
  @ApiProperty({ enum: FINANCEMENT_STATUTS }) statut!: FinancementStatut;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dateDemande!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dateEngagement!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dateContractualisation!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dateVersement!: string | null;
  @ApiProperty({ type: Number, nullable: true }) anneeCampagne!: number | null;
  @ApiProperty({ type: String, nullable: true }) referenceExterne!: string | null;
  @ApiProperty({ type: String, nullable: true }) source!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dateSource!: string | null;
  @ApiProperty({ type: Number, nullable: true }) logements!: number | null;
  @ApiProperty({ type: Number, nullable: true }) dossiers!: number | null;
  @ApiProperty({ description: 'L’utilisateur peut modifier cette ligne' }) peutModifier!: boolean;
  @ApiProperty({
    type: [LignePvdDto],
    description: 'Les PVD du bénéficiaire (celle de la commune ; celles de l’EPCI) dont l’utilisateur ouvre le dossier (un partenaire : son résumé, il y finance cette ligne) ; absent des exports',
  })
  pvds!: LignePvdDto[];
}

export class MontantsParPilierDto {
  @ApiProperty({ description: 'En centimes' }) ingenierie!: number;
  @ApiProperty({ description: 'En centimes' }) thematique!: number;
}

export class LignesTotauxDto {
  @ApiProperty({ description: 'Lignes de la sélection' }) nombre!: number;
  @ApiProperty({ description: 'Lignes de la sélection hors PVD, exclues des montants et des comptes ci-dessous' }) nombreHorsPvd!: number;
  @ApiProperty({ description: 'Montant des lignes du programme, demandes comprises, en centimes' }) montant!: number;
  @ApiProperty({ description: 'Montant engagé (engagé, contractualisé ou versé), en centimes' }) montantEngage!: number;
  @ApiProperty({ description: 'Montant des lignes versées, en centimes' }) montantVerse!: number;
  @ApiProperty({ type: MontantsParPilierDto, description: 'Montant engagé par pilier' }) engageParPilier!: MontantsParPilierDto;
  @ApiProperty({ description: 'Logements rénovés (dispositifs qui les comptent)' }) logements!: number;
  @ApiProperty({ description: 'Dossiers acceptés (dispositifs qui les comptent)' }) dossiers!: number;
}

export class LignesPageDto {
  @ApiProperty({ type: [LigneSummaryDto] }) items!: LigneSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ type: LignesTotauxDto }) totaux!: LignesTotauxDto;
  @ApiProperty({ description: 'L’utilisateur peut saisir une ligne : pour la PVD filtrée (pvdId), ou quelque part sinon' }) peutCreer!: boolean;
}

export class LigneDto extends LigneSummaryDto {
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'Import partenaire qui a créé ou mis à jour la ligne' }) importId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Motif d’un montant inhabituel pour le dispositif' }) motifDepassement!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) modifieLe!: string;
  @ApiProperty({ type: String, nullable: true }) modifiePar!: string | null;
}

export class BeneficiairesQuery {
  @ApiProperty({ description: 'Nom (ou partie du nom) d’une commune ou d’un EPCI, ou début de son code' })
  @IsString()
  @MinLength(2, { message: 'Tapez au moins deux caractères.' })
  @MaxLength(100)
  q!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'D’abord les communes et l’EPCI de cette PVD' })
  @IsOptional()
  @IsUUID('all', { message: 'Identifiant de PVD invalide.' })
  pvdId?: string;
}

export class BeneficiaireDto {
  @ApiProperty({ enum: BENEFICIAIRE_TYPES }) type!: 'commune' | 'epci';
  @ApiProperty() code!: string;
  @ApiProperty() nom!: string;
  @ApiProperty({ type: String, nullable: true }) departementCode!: string | null;
}
