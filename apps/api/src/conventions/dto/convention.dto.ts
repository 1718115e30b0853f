import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  COMPLETENESS_ITEMS,
  CONVENTION_ACTIONS,
  CONVENTION_STATES,
  CONVENTION_TYPES,
  DOCUMENT_NATURES,
  PLAN_ACTION_STATUTS,
  PLAN_ACTION_THEMES,
  WORK_LIST_MOTIFS,
  type CompletenessItem,
  type ConventionAction,
  type ConventionState,
  type ConventionType,
  type DocumentNature,
  type PlanActionStatut,
  type PlanActionTheme,
  type WorkListMotif,
} from '@suivi-pvd/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsIsoDay } from '../../core/http/iso-day';
import { SizedPageQuery } from '../../core/http/page-query';
import { IsDepartementCode } from '../../core/http/territory-codes';
import { OptionalNotNull } from '../../core/http/optional';


export class ConventionIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Identifiant de convention invalide.' })
  id!: string;
}

// ---------------------------------------------------------------------------------------------
// Inputs

export class CreateConventionInput {
  @ApiProperty({ enum: CONVENTION_TYPES })
  @IsIn(CONVENTION_TYPES as unknown as string[], { message: 'Type de convention inconnu.' })
  type!: ConventionType;

  @ApiPropertyOptional({ description: "Pour un avenant : ce qu'il modifie" })
  @OptionalNotNull()
  @IsString()
  @MaxLength(2000)
  objet?: string;
}

export class SignataireInput {
  @ApiProperty({ example: 'Marie Dupont' })
  @IsString()
  @MinLength(2, { message: 'Indiquez le nom du signataire.' })
  @MaxLength(200)
  nom!: string;

  @ApiProperty({ example: 'Maire' })
  @IsString()
  @MinLength(2, { message: 'Indiquez la qualité du signataire.' })
  @MaxLength(200)
  qualite!: string;

  @ApiProperty({ example: "Commune d'Ahun" })
  @IsString()
  @MinLength(2, { message: "Indiquez l'organisme du signataire." })
  @MaxLength(200)
  organisme!: string;
}

export class PlanActionInput {
  @ApiProperty({ example: 'Réhabilitation de la halle' })
  @IsString()
  @MinLength(3, { message: "Indiquez l'intitulé de l'action." })
  @MaxLength(300)
  intitule!: string;

  @ApiProperty({ enum: PLAN_ACTION_THEMES })
  @IsIn(PLAN_ACTION_THEMES as unknown as string[], { message: 'Thématique inconnue.' })
  thematique!: PlanActionTheme;

  @ApiPropertyOptional({ type: String, nullable: true, description: "Qui porte l'action" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  porteur?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date' })
  @IsOptional()
  @IsIsoDay()
  dateDebut?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date' })
  @IsOptional()
  @IsIsoDay()
  dateFin?: string | null;

  @ApiProperty({ enum: PLAN_ACTION_STATUTS })
  @IsIn(PLAN_ACTION_STATUTS as unknown as string[], { message: 'Statut inconnu.' })
  statut!: PlanActionStatut;
}

/** The content of a convention. Fields left out are not changed. */
export class UpdateConventionInput {
  @ApiProperty({ description: 'Version lue : une version périmée est refusée (409)' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  objet?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Synthèse du diagnostic' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  diagnostic?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Stratégie de revitalisation' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  strategie?: string | null;

  @ApiPropertyOptional({ description: 'La convention-cadre vaut ORT' })
  @OptionalNotNull()
  @IsBoolean()
  vautOrt?: boolean;

  @ApiPropertyOptional({ type: [SignataireInput] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(30)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => SignataireInput)
  signataires?: SignataireInput[];

  @ApiPropertyOptional({ type: [PlanActionInput], description: "Plan d'actions complet, dans l'ordre" })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(200)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PlanActionInput)
  actions?: PlanActionInput[];
}

/** A workflow step: the version read, and a comment (required to ask for changes). */
export class TransitionInput {
  @ApiProperty({ description: 'Version lue : une version périmée est refusée (409)' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;

  @ApiPropertyOptional({ description: "Commentaire (obligatoire pour demander des compléments, et pour rouvrir l'instruction : le motif)" })
  @OptionalNotNull()
  @IsString()
  @MaxLength(5000)
  commentaire?: string;
}

/** Multipart fields of the signature (with the signed PDF in `fichier`): strings on the wire. */
export class SignatureInput {
  @ApiProperty({ description: 'Version lue' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;

  @ApiProperty({ format: 'date' })
  @ValidateIf((_o, v) => v !== '')
  @IsIsoDay()
  dateSignature!: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsString()
  @MaxLength(5000)
  commentaire?: string;
}

export class AddDocumentInput {
  @ApiPropertyOptional({ description: 'Titre (par défaut : le nom du fichier)' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(300)
  titre?: string;
}

// ---------------------------------------------------------------------------------------------
// Answers

export class SignataireDto {
  @ApiProperty() nom!: string;
  @ApiProperty() qualite!: string;
  @ApiProperty() organisme!: string;
}

export class PlanActionDto {
  @ApiProperty() intitule!: string;
  @ApiProperty({ enum: PLAN_ACTION_THEMES }) thematique!: PlanActionTheme;
  @ApiProperty({ type: String, nullable: true }) porteur!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) dateDebut!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) dateFin!: string | null;
  @ApiProperty({ enum: PLAN_ACTION_STATUTS }) statut!: PlanActionStatut;
}

export class TransitionDto {
  @ApiProperty({ enum: [...CONVENTION_ACTIONS, 'creer'] }) action!: ConventionAction | 'creer';
  @ApiProperty({ enum: CONVENTION_STATES, nullable: true }) etatAvant!: ConventionState | null;
  @ApiProperty({ enum: CONVENTION_STATES }) etatApres!: ConventionState;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ description: "Nom de l'auteur" }) auteur!: string;
  @ApiProperty({ type: String, nullable: true }) commentaire!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) dateSignature!: string | null;
}

export class DocumentVersionDto {
  @ApiProperty() id!: string;
  @ApiProperty() numero!: number;
  @ApiProperty() nomFichier!: string;
  @ApiProperty() typeMime!: string;
  @ApiProperty({ description: 'Taille en octets' }) taille!: number;
  @ApiProperty({ format: 'date-time' }) deposeLe!: string;
  @ApiProperty() deposePar!: string;
  @ApiProperty({ description: 'Adresse de téléchargement' }) url!: string;
}

export class DocumentDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: DOCUMENT_NATURES }) nature!: DocumentNature;
  @ApiProperty() titre!: string;
  @ApiProperty({ type: [DocumentVersionDto], description: 'La plus récente en premier' }) versions!: DocumentVersionDto[];
}

export class EcheanceDto {
  @ApiProperty({ enum: ['sans_echeance', 'signee', 'a_venir', 'en_retard'] }) kind!: 'sans_echeance' | 'signee' | 'a_venir' | 'en_retard';
  @ApiProperty({ type: String, nullable: true, format: 'date', description: "Date de la convention d'adhésion retenue" }) dateAdhesion!: string | null;
  @ApiProperty({ description: 'Délai applicable, en mois' }) delaiMois!: number;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) dateLimite!: string | null;
  @ApiProperty({ type: Number, nullable: true }) joursRestants!: number | null;
  @ApiProperty({ type: Number, nullable: true }) joursRetard!: number | null;
}

export class CompletudeManquantDto {
  @ApiProperty({ enum: COMPLETENESS_ITEMS, description: 'Champ à compléter' }) champ!: CompletenessItem;
  @ApiProperty({ description: 'Ce qui manque, en clair' }) message!: string;
}

export class CompletudeDto {
  @ApiProperty({ description: 'La convention contient tout ce qui est exigé pour son dépôt' }) complete!: boolean;
  @ApiProperty({ type: [CompletudeManquantDto], description: 'Ce qui manque avant le dépôt, dans l’ordre de la page' }) manquants!: CompletudeManquantDto[];
}

export class ConventionSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: CONVENTION_TYPES }) type!: ConventionType;
  @ApiProperty({ type: Number, nullable: true }) numero!: number | null;
  @ApiProperty({ description: 'Intitulé : « Convention-cadre », « Avenant n° 2 à la convention-cadre »' }) titre!: string;
  @ApiProperty({ type: String, nullable: true }) objet!: string | null;
  @ApiProperty({ enum: CONVENTION_STATES }) etat!: ConventionState;
  @ApiProperty({ format: 'date-time' }) etatDepuis!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) dateSignature!: string | null;
  @ApiProperty() version!: number;
}

export class ConventionDto extends ConventionSummaryDto {
  @ApiProperty() pvdId!: string;
  @ApiProperty({ description: 'Nom de la Petite ville de demain' }) pvdNom!: string;
  @ApiProperty({ type: String, nullable: true }) parentId!: string | null;
  @ApiProperty({ type: String, nullable: true }) diagnostic!: string | null;
  @ApiProperty({ type: String, nullable: true }) strategie!: string | null;
  @ApiProperty() vautOrt!: boolean;
  @ApiProperty({ type: [SignataireDto] }) signataires!: SignataireDto[];
  @ApiProperty({ type: [PlanActionDto] }) actions!: PlanActionDto[];
  @ApiProperty({ format: 'date-time' }) modifieeLe!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Auteur de la dernière modification' }) modifieePar!: string | null;
  @ApiProperty({ type: [TransitionDto], description: 'Étapes, de la plus ancienne à la plus récente' }) transitions!: TransitionDto[];
  @ApiProperty({ type: [DocumentDto] }) documents!: DocumentDto[];
  @ApiProperty({ enum: CONVENTION_ACTIONS, isArray: true, description: "Actions que l'utilisateur peut faire maintenant" }) actionsPossibles!: ConventionAction[];
  @ApiProperty({ description: "L'utilisateur peut modifier le contenu et les pièces maintenant" }) modifiable!: boolean;
  @ApiProperty({ type: EcheanceDto, nullable: true, description: 'Pour la convention-cadre : son échéance' }) echeance!: EcheanceDto | null;
  @ApiProperty({ type: CompletudeDto, description: 'Ce que la convention doit encore contenir avant son dépôt' }) completude!: CompletudeDto;
}

// ---------------------------------------------------------------------------------------------
// Work list

export const WORK_LIST_SORTS = ['anciennete', 'retard', 'commune'] as const;
export type WorkListSort = (typeof WORK_LIST_SORTS)[number];

export class WorkListQuery extends SizedPageQuery {
  @ApiPropertyOptional({ enum: WORK_LIST_MOTIFS })
  @IsOptional()
  @IsIn(WORK_LIST_MOTIFS as unknown as string[], { message: 'Motif inconnu.' })
  motif?: WorkListMotif;

  @ApiPropertyOptional({ enum: CONVENTION_TYPES })
  @IsOptional()
  @IsIn(CONVENTION_TYPES as unknown as string[], { message: 'Type de convention inconnu.' })
  type?: ConventionType;

  @ApiPropertyOptional({ description: 'Code du département' })
  @IsOptional()
  @IsDepartementCode()
  departement?: string;

  @ApiPropertyOptional({ description: 'Recherche sur le nom de la commune' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: WORK_LIST_SORTS, default: 'anciennete' })
  @IsOptional()
  @IsIn(WORK_LIST_SORTS as unknown as string[], { message: 'Tri inconnu.' })
  tri?: WorkListSort;
}

export class WorkListItemDto {
  @ApiProperty({ enum: WORK_LIST_MOTIFS, isArray: true, description: 'Tous les motifs de l’élément, dans l’ordre des motifs' }) motifs!: WorkListMotif[];
  @ApiProperty() pvdId!: string;
  @ApiProperty() pvdNom!: string;
  @ApiProperty() departementCode!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Absente quand la convention-cadre en retard n’a pas encore été créée' }) conventionId!: string | null;
  @ApiProperty({ enum: CONVENTION_TYPES }) type!: ConventionType;
  @ApiProperty() titre!: string;
  @ApiProperty({ enum: CONVENTION_STATES, nullable: true }) etat!: ConventionState | null;
  @ApiProperty({ type: Number, nullable: true }) version!: number | null;
  @ApiProperty({ format: 'date', description: 'Depuis quand : entrée dans son état, ou date limite dépassée (la plus ancienne des deux)' }) depuis!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) dateLimite!: string | null;
  @ApiProperty({ description: 'Jours écoulés depuis « depuis »' }) jours!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Jours dans son état (déposée, en instruction, à compléter), si c’est un motif' }) joursDansEtat!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Jours de retard sur la date limite de la convention-cadre, si c’est un motif' }) joursDeRetard!: number | null;
  @ApiProperty({ enum: CONVENTION_ACTIONS, isArray: true }) actionsPossibles!: ConventionAction[];
}

export class WorkListCountsDto {
  @ApiProperty() a_instruire!: number;
  @ApiProperty() en_instruction!: number;
  @ApiProperty() a_completer_sans_reponse!: number;
  @ApiProperty() cadre_en_retard!: number;
}

export class WorkListPageDto {
  @ApiProperty({ type: [WorkListItemDto] }) items!: WorkListItemDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ type: WorkListCountsDto, description: 'Nombre d’éléments par motif, avec les autres filtres (un élément à deux motifs compte dans chacun)' }) parMotif!: WorkListCountsDto;
  @ApiProperty({ description: 'Nombre d’éléments distincts, tous motifs confondus, avec les autres filtres' }) totalTousMotifs!: number;
}
