import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  COFINANCEURS,
  HABITAT_OPERATION_TYPES,
  MOTIF_DEPASSEMENT_MAX,
  POSTE_ALERTE_CODES,
  TRANCHES,
  type Cofinanceur,
  type HabitatOperationType,
  type PosteAlerteCode,
  type Tranche,
} from '@suivi-pvd/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsIsoDay } from '../../core/http/iso-day';
import { SizedPageQuery } from '../../core/http/page-query';
import { IsDepartementCode } from '../../core/http/territory-codes';

const CENTS = 'Montant en centimes (entier positif).';

export class PosteIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Identifiant de poste invalide.' })
  id!: string;
}

export class DemandeParams extends PosteIdParam {
  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt({ message: 'Année invalide.' })
  @Min(2020)
  @Max(2100)
  annee!: number;
}

// ---------------------------------------------------------------------------------------------
// Inputs

export class TitulaireInput {
  @ApiProperty({ example: 'Camille Martin' })
  @IsString()
  @MinLength(2, { message: 'Indiquez le nom du titulaire.' })
  @MaxLength(200)
  nom!: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'Adresse électronique invalide.' })
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Matches(/^\+?[0-9 .()-]{6,30}$/, { message: 'Numéro de téléphone invalide.' })
  telephone?: string | null;

  @ApiProperty({ format: 'date', description: 'Date d’arrivée' })
  @IsIsoDay()
  debut!: string;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'Dernier jour sur le poste ; vide si en poste' })
  @IsOptional()
  @IsIsoDay()
  fin?: string | null;

  @ApiProperty({ description: 'Quotité de travail en % (1 à 100)', example: 100 })
  @IsInt({ message: 'La quotité est un pourcentage entier.' })
  @Min(1, { message: 'La quotité est comprise entre 1 et 100 %.' })
  @Max(100, { message: 'La quotité est comprise entre 1 et 100 %.' })
  quotite!: number;
}

export class CoutAnnuelInput {
  @ApiProperty({ example: 2025 })
  @IsInt({ message: 'Année invalide.' })
  @Min(2000, { message: 'Année invalide.' })
  @Max(2100, { message: 'Année invalide.' })
  annee!: number;

  @ApiProperty({ description: 'Coût annuel chargé (salaire et charges patronales) pour un temps plein sur l’année, en centimes', example: 6000000 })
  @IsInt({ message: CENTS })
  @Max(100_000_000_000, { message: 'Montant trop élevé (1 milliard d’euros au plus).' })
  cout!: number;
}

export class CofinanceurInput {
  @ApiProperty({ enum: COFINANCEURS })
  @IsIn(COFINANCEURS as unknown as string[], { message: 'Cofinanceur inconnu.' })
  financeur!: Cofinanceur;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'Début de la participation ; vide : dès l’origine' })
  @IsOptional()
  @IsIsoDay()
  debut?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'Fin de la participation convenue ; vide : jusqu’à la fin fixée par le programme' })
  @IsOptional()
  @IsIsoDay()
  fin?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Part (%) du montant hors Anah quand l’État et la Banque des Territoires cofinancent ensemble' })
  @IsOptional()
  @IsInt({ message: 'La part est un pourcentage entier.' })
  @Min(0)
  @Max(100)
  part?: number | null;
}

export class PosteOperationHabitatInput {
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Opération d’habitat enregistrée (couvrant une commune de la PVD) : son type et ses dates s’appliquent' })
  @IsOptional()
  @IsUUID('all', { message: 'Opération d’habitat invalide.' })
  id?: string | null;

  @ApiProperty({ enum: HABITAT_OPERATION_TYPES })
  @IsIn(HABITAT_OPERATION_TYPES as unknown as string[], { message: 'Type d’opération inconnu.' })
  type!: HabitatOperationType;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'OPAH-RU du centre-bourg' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  libelle?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsIsoDay()
  debut?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsIsoDay()
  fin?: string | null;
}

export class PosteInput {
  @ApiProperty({ example: 'Cheffe de projet Petites villes de demain' })
  @IsString()
  @MinLength(3, { message: 'Indiquez l’intitulé du poste.' })
  @MaxLength(200)
  intitule!: string;

  @ApiProperty({ enum: ['commune', 'epci'] })
  @IsIn(['commune', 'epci'], { message: 'L’employeur est une commune ou un EPCI.' })
  employeurType!: 'commune' | 'epci';

  @ApiProperty({ description: 'Code INSEE de la commune ou SIREN de l’EPCI (l’un de ceux de la PVD)' })
  @IsString()
  @Matches(/^([0-9][0-9AB][0-9]{3}|[0-9]{9})$/, { message: 'Code INSEE ou SIREN invalide.' })
  employeurCode!: string;

  @ApiProperty({ type: [TitulaireInput] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => TitulaireInput)
  titulaires!: TitulaireInput[];

  @ApiProperty({ type: [CoutAnnuelInput] })
  @IsArray()
  @ArrayMaxSize(30)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => CoutAnnuelInput)
  coutsAnnuels!: CoutAnnuelInput[];

  @ApiProperty({ type: [CofinanceurInput] })
  @IsArray()
  @ArrayMaxSize(3)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => CofinanceurInput)
  cofinanceurs!: CofinanceurInput[];

  @ApiPropertyOptional({ type: PosteOperationHabitatInput, nullable: true, description: 'Opération d’habitat liée qui ouvre le cofinancement de l’Anah' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PosteOperationHabitatInput)
  operationHabitat?: PosteOperationHabitatInput | null;
}

export class UpdatePosteInput extends PosteInput {
  @ApiProperty({ description: 'Version lue' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}

export class DemandeInput {
  @ApiProperty({ description: 'Version lue ; 0 pour déposer la demande de l’année' })
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  version!: number;

  @ApiProperty({ description: 'Montant demandé, en centimes' })
  @IsInt({ message: CENTS })
  @Min(0, { message: CENTS })
  @Max(100_000_000_000, { message: 'Montant trop élevé (1 milliard d’euros au plus).' })
  montantDemande!: number;

  @ApiProperty({ format: 'date' })
  @IsIsoDay()
  dateDemande!: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  commentaire?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Motif d’une demande supérieure au cofinancement calculé pour l’année : obligatoire dans ce cas (sinon `DEMANDE_AU_DELA_DU_CALCUL`), conservé avec la demande et dans l’historique ; ignoré sinon',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MOTIF_DEPASSEMENT_MAX)
  motifDepassement?: string | null;
}

export class VersementInput {
  @ApiProperty({ format: 'date' })
  @IsIsoDay()
  date!: string;

  @ApiProperty({ description: 'Montant versé, en centimes' })
  @IsInt({ message: CENTS })
  @Min(1, { message: CENTS })
  @Max(100_000_000_000, { message: 'Montant trop élevé (1 milliard d’euros au plus).' })
  montant!: number;

  @ApiProperty({ enum: TRANCHES })
  @IsIn(TRANCHES as unknown as string[], { message: 'Tranche inconnue.' })
  tranche!: Tranche;
}

export class InstructionInput {
  @ApiProperty({ description: 'Version lue' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Montant accordé, en centimes' })
  @IsOptional()
  @IsInt({ message: CENTS })
  @Min(0, { message: CENTS })
  @Max(100_000_000_000, { message: 'Montant trop élevé (1 milliard d’euros au plus).' })
  montantAccorde?: number | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsIsoDay()
  dateDecision?: string | null;

  @ApiProperty({ type: [VersementInput] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => VersementInput)
  versements!: VersementInput[];
}

export class PosteAlertesQuery extends SizedPageQuery {
  @ApiPropertyOptional({ enum: POSTE_ALERTE_CODES })
  @IsOptional()
  @IsIn(POSTE_ALERTE_CODES as unknown as string[], { message: 'Motif inconnu.' })
  code?: PosteAlerteCode;

  @ApiPropertyOptional({ description: 'Code du département' })
  @IsOptional()
  @IsDepartementCode()
  departement?: string;
}

// ---------------------------------------------------------------------------------------------
// Outputs

export class TitulaireDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() nom!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true }) telephone!: string | null;
  @ApiProperty({ format: 'date' }) debut!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) fin!: string | null;
  @ApiProperty() quotite!: number;
}

export class CoutAnnuelDto {
  @ApiProperty() annee!: number;
  @ApiProperty({ description: 'En centimes' }) cout!: number;
}

export class CofinanceurDto {
  @ApiProperty({ enum: COFINANCEURS }) financeur!: Cofinanceur;
  @ApiProperty({ type: String, format: 'date', nullable: true }) debut!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) fin!: string | null;
  @ApiProperty({ type: Number, nullable: true }) part!: number | null;
}

export class PosteOperationHabitatDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'L’opération d’habitat enregistrée liée, le cas échéant' }) id!: string | null;
  @ApiProperty({ enum: HABITAT_OPERATION_TYPES }) type!: HabitatOperationType;
  @ApiProperty({ type: String, nullable: true }) libelle!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) debut!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) fin!: string | null;
}

export class MontantsParCofinanceurDto {
  @ApiProperty({ description: 'En centimes' }) etat!: number;
  @ApiProperty({ description: 'En centimes' }) bdt!: number;
  @ApiProperty({ description: 'En centimes' }) anah!: number;
}

export class SubventionPeriodeDto {
  @ApiProperty({ format: 'date' }) debut!: string;
  @ApiProperty({ format: 'date' }) fin!: string;
  @ApiProperty() jours!: number;
  @ApiProperty({ description: 'Quotité en % ; 0 si le poste est vacant' }) quotite!: number;
  @ApiProperty({ enum: COFINANCEURS, isArray: true }) financeurs!: Cofinanceur[];
  @ApiProperty({ type: Number, nullable: true }) taux!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Plafond annuel appliqué, en euros' }) plafond!: number | null;
  @ApiProperty({ description: 'En centimes' }) total!: number;
  @ApiProperty({ type: MontantsParCofinanceurDto }) parFinanceur!: MontantsParCofinanceurDto;
}

export class SubventionAnneeDto {
  @ApiProperty() annee!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Coût annuel en centimes ; null si non renseigné' }) cout!: number | null;
  @ApiProperty() joursAnnee!: number;
  @ApiProperty() joursTenus!: number;
  @ApiProperty({ type: [SubventionPeriodeDto] }) periodes!: SubventionPeriodeDto[];
  @ApiProperty({ description: 'En centimes' }) total!: number;
  @ApiProperty({ type: MontantsParCofinanceurDto }) parFinanceur!: MontantsParCofinanceurDto;
}

export class SubventionDto {
  @ApiProperty({ type: [SubventionAnneeDto] }) annees!: SubventionAnneeDto[];
  @ApiProperty({ description: 'En centimes' }) total!: number;
  @ApiProperty({ type: MontantsParCofinanceurDto }) parFinanceur!: MontantsParCofinanceurDto;
}

export class PosteSubventionQuery {
  @ApiPropertyOptional({
    format: 'date',
    description: 'Calcule avec les paramètres tels qu’ils étaient décidés à la fin de ce jour (aujourd’hui par défaut ; jamais dans le futur)',
  })
  @IsOptional()
  @IsIsoDay()
  auDate?: string;
}

export class PosteSubventionDto extends SubventionDto {
  @ApiProperty({ format: 'date', description: 'Le jour dont les décisions sont prises en compte' }) auDate!: string;
}

export class VersementDto {
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ description: 'En centimes' }) montant!: number;
  @ApiProperty({ enum: TRANCHES }) tranche!: Tranche;
}

export class DemandeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() annee!: number;
  @ApiProperty({ description: 'En centimes' }) montantDemande!: number;
  @ApiProperty({ format: 'date' }) dateDemande!: string;
  @ApiProperty({ type: String, nullable: true }) commentaire!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Motif d’une demande supérieure au cofinancement calculé' }) motifDepassement!: string | null;
  @ApiProperty({ type: Number, nullable: true }) montantAccorde!: number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dateDecision!: string | null;
  @ApiProperty({ type: [VersementDto] }) versements!: VersementDto[];
  @ApiProperty({ description: 'Total versé, en centimes' }) montantVerse!: number;
  @ApiProperty() version!: number;
}

export class PosteAlerteDto {
  @ApiProperty({ enum: POSTE_ALERTE_CODES }) code!: PosteAlerteCode;
  @ApiProperty({ enum: ['warning', 'error'] }) niveau!: 'warning' | 'error';
  @ApiProperty() message!: string;
  @ApiProperty({ format: 'date' }) date!: string;
}

export class EmployeurDto {
  @ApiProperty({ enum: ['commune', 'epci'] }) type!: 'commune' | 'epci';
  @ApiProperty() code!: string;
  @ApiProperty() nom!: string;
}

export class PosteDroitsDto {
  @ApiProperty({ description: 'Peut modifier le poste et déposer les demandes' }) modifier!: boolean;
  @ApiProperty({ description: 'Peut instruire les demandes (montant accordé, versements)' }) instruire!: boolean;
}

export class PosteDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) pvdId!: string;
  @ApiProperty() pvdNom!: string;
  @ApiProperty() intitule!: string;
  @ApiProperty({ enum: ['commune', 'epci'] }) employeurType!: 'commune' | 'epci';
  @ApiProperty() employeurCode!: string;
  @ApiProperty() employeurNom!: string;
  @ApiProperty({ type: [TitulaireDto] }) titulaires!: TitulaireDto[];
  @ApiProperty({ type: [CoutAnnuelDto] }) coutsAnnuels!: CoutAnnuelDto[];
  @ApiProperty({ type: [CofinanceurDto] }) cofinanceurs!: CofinanceurDto[];
  @ApiProperty({ type: PosteOperationHabitatDto, nullable: true }) operationHabitat!: PosteOperationHabitatDto | null;
  @ApiProperty({ type: SubventionDto, description: 'Cofinancement calculé par année et par cofinanceur, avec les paramètres en vigueur à chaque date' }) subvention!: SubventionDto;
  @ApiProperty({ type: [DemandeDto] }) demandes!: DemandeDto[];
  @ApiProperty({ type: [PosteAlerteDto] }) alertes!: PosteAlerteDto[];
  @ApiProperty({ type: [String], description: 'Remarques sur la saisie (ex. : opération d’habitat qui n’ouvre pas l’Anah)' }) avertissements!: string[];
  @ApiProperty({ type: [EmployeurDto], description: 'Employeurs possibles : les communes de la PVD et leur EPCI' }) employeursPossibles!: EmployeurDto[];
  @ApiProperty({ type: PosteDroitsDto }) droits!: PosteDroitsDto;
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) modifieLe!: string;
  @ApiProperty({ type: String, nullable: true }) modifiePar!: string | null;
}

export class PosteSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() intitule!: string;
  @ApiProperty() employeurNom!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Titulaire en poste aujourd’hui' }) titulaireActuel!: string | null;
  @ApiProperty({ description: 'Cofinancement calculé pour l’année en cours, en centimes' }) subventionAnneeCourante!: number;
  @ApiProperty({ type: [PosteAlerteDto] }) alertes!: PosteAlerteDto[];
}

export class PostesDuDossierDto {
  @ApiProperty({ type: [PosteSummaryDto] }) postes!: PosteSummaryDto[];
  @ApiProperty({ type: [EmployeurDto] }) employeursPossibles!: EmployeurDto[];
  @ApiProperty() peutCreer!: boolean;
}

export class PosteAlerteItemDto {
  @ApiProperty({ format: 'uuid' }) posteId!: string;
  @ApiProperty() intitule!: string;
  @ApiProperty({ format: 'uuid' }) pvdId!: string;
  @ApiProperty() pvdNom!: string;
  @ApiProperty() departementCode!: string;
  @ApiProperty({ type: PosteAlerteDto }) alerte!: PosteAlerteDto;
}

export class PosteAlertesCountsDto {
  @ApiProperty() POSTE_VACANT!: number;
  @ApiProperty() DEMANDE_ANNUELLE_MANQUANTE!: number;
  @ApiProperty() FIN_COFINANCEMENT_PROCHE!: number;
}

export class PosteAlertesPageDto {
  @ApiProperty({ type: [PosteAlerteItemDto] }) items!: PosteAlerteItemDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ type: PosteAlertesCountsDto }) parMotif!: PosteAlertesCountsDto;
}
