import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CLUB_EVENEMENT_STATUTS,
  CLUB_EVENEMENT_TYPES,
  CLUB_INSCRIPTION_STATUTS,
  CLUB_THEMES,
  ORGANISATION_TYPES,
  type ClubEvenementStatut,
  type ClubEvenementType,
  type ClubInscriptionStatut,
  type ClubTheme,
  type OrganisationType,
} from '@suivi-pvd/domain';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsIsoDay } from '../../core/http/iso-day';
import { OptionalNotNull } from '../../core/http/optional';
import { SizedPageQuery } from '../../core/http/page-query';
import { IsDepartementCode } from '../../core/http/territory-codes';

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true };
const URL_MESSAGE = 'Adresse web invalide (https://…).';
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const TIME_MESSAGE = 'Heure au format HH:MM.';

export class EvenementIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Identifiant d’événement invalide.' })
  id!: string;
}

export class InscriptionIdParams extends EvenementIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Identifiant d’inscription invalide.' })
  inscriptionId!: string;
}

export class CalendrierFichierParam {
  @ApiProperty({ description: 'Le jeton signé de l’adresse, suivi de « .ics »' })
  @IsString()
  @MaxLength(300)
  fichier!: string;
}

export class IntervenantInput {
  @ApiProperty({ example: 'Camille Martin' })
  @IsString()
  @MinLength(2, { message: 'Indiquez le nom de l’intervenant.' })
  @MaxLength(200)
  nom!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Cheffe de projet PVD, Ahun' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  fonction?: string | null;

  @ApiProperty({ description: 'Intervenant venant d’une petite ville de demain' })
  @IsBoolean({ message: 'pvd vaut true ou false.' })
  pvd!: boolean;
}

export class SupportInput {
  @ApiProperty({ example: 'Diaporama' })
  @IsString()
  @MinLength(2, { message: 'Indiquez le titre du support.' })
  @MaxLength(200)
  titre!: string;

  @ApiProperty({ example: 'https://www.exemple.fr/support.pdf' })
  @IsString()
  @MaxLength(2000)
  @IsUrl(URL_OPTIONS, { message: URL_MESSAGE })
  url!: string;
}

export class EvenementFields {
  @ApiProperty({ enum: CLUB_EVENEMENT_TYPES })
  @IsIn(CLUB_EVENEMENT_TYPES as unknown as string[], { message: 'Type d’événement inconnu.' })
  type!: ClubEvenementType;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'La saison ou semaine thématique dont c’est une séance' })
  @IsOptional()
  @IsUUID('all', { message: 'Identifiant de saison ou semaine invalide.' })
  parentId?: string | null;

  @ApiProperty({ example: 'Revitaliser le commerce de centre-bourg' })
  @IsString()
  @MinLength(3, { message: 'Indiquez le titre de l’événement.' })
  @MaxLength(300)
  titre!: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string | null;

  @ApiProperty({ enum: CLUB_THEMES, isArray: true })
  @IsArray()
  @ArrayMaxSize(12)
  @IsIn(CLUB_THEMES as unknown as string[], { each: true, message: 'Thème inconnu.' })
  themes!: ClubTheme[];

  @ApiProperty({ type: String, format: 'date' })
  @IsIsoDay()
  dateDebut!: string;

  @ApiProperty({ type: String, format: 'date' })
  @IsIsoDay()
  dateFin!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '10:00', description: 'Heure de Paris' })
  @IsOptional()
  @IsString()
  @Matches(TIME, { message: TIME_MESSAGE })
  heureDebut?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '11:30' })
  @IsOptional()
  @IsString()
  @Matches(TIME, { message: TIME_MESSAGE })
  heureFin?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Département où il a lieu (null : national ou en ligne)' })
  @IsOptional()
  @IsDepartementCode()
  departementCode?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Nombre de places (null : sans limite)' })
  @IsOptional()
  @IsInt({ message: 'Nombre de places entier.' })
  @Min(1, { message: 'Au moins une place.' })
  @Max(100_000)
  capacite?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Nombre de participants, saisi après l’événement' })
  @IsOptional()
  @IsInt({ message: 'Nombre de participants entier.' })
  @Min(0)
  @Max(100_000)
  participants?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Adresse du lieu' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  lieu?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Lien de connexion (visio)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @IsUrl(URL_OPTIONS, { message: URL_MESSAGE })
  lien?: string | null;

  @ApiProperty({ type: [IntervenantInput] })
  @IsArray()
  @ArrayMaxSize(30)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => IntervenantInput)
  intervenants!: IntervenantInput[];

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Lien vers l’enregistrement' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @IsUrl(URL_OPTIONS, { message: URL_MESSAGE })
  enregistrement?: string | null;

  @ApiProperty({ type: [SupportInput] })
  @IsArray()
  @ArrayMaxSize(30)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => SupportInput)
  supports!: SupportInput[];

  @ApiProperty({ enum: ['brouillon', 'publie'], description: 'Brouillon (visible des seuls organisateurs) ou publié ; l’annulation a sa route' })
  @IsIn(['brouillon', 'publie'], { message: 'Statut : brouillon ou publié.' })
  statut!: 'brouillon' | 'publie';
}

export class CreateEvenementInput extends EvenementFields {
  @ApiPropertyOptional({ format: 'uuid', description: 'L’organisation organisatrice, parmi les siennes (par défaut : la seule)' })
  @OptionalNotNull()
  @IsUUID('all', { message: 'Choisissez l’organisateur.' })
  organisateurId?: string;
}

export class UpdateEvenementInput extends EvenementFields {
  @ApiProperty({ description: 'Version lue' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}

export class VersionInput {
  @ApiProperty({ description: 'Version lue' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}

export class PresenceInput extends VersionInput {
  @ApiProperty({ type: Boolean, nullable: true, description: 'Présent, absent, ou non renseigné (null)' })
  @IsOptional()
  @IsBoolean({ message: 'presence vaut true, false ou null.' })
  presence!: boolean | null;
}

export class EvenementsQuery extends SizedPageQuery {
  @ApiPropertyOptional({ enum: CLUB_EVENEMENT_TYPES })
  @IsOptional()
  @IsIn(CLUB_EVENEMENT_TYPES as unknown as string[], { message: 'Type d’événement inconnu.' })
  type?: ClubEvenementType;

  @ApiPropertyOptional({ enum: CLUB_THEMES })
  @IsOptional()
  @IsIn(CLUB_THEMES as unknown as string[], { message: 'Thème inconnu.' })
  theme?: ClubTheme;

  @ApiPropertyOptional({ description: 'Code du département (les événements nationaux et en ligne sont toujours listés)' })
  @IsOptional()
  @IsDepartementCode()
  departement?: string;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'À partir de ce jour (par défaut : aujourd’hui)' })
  @IsOptional()
  @IsIsoDay()
  du?: string;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'Jusqu’à ce jour' })
  @IsOptional()
  @IsIsoDay()
  au?: string;

  @ApiPropertyOptional({ description: 'Recherche dans le titre' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'Seulement ceux où l’on est inscrit ou en attente' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'mesInscriptions vaut true ou false.' })
  mesInscriptions?: boolean;
}

export class OrganisationEvenementsQuery extends SizedPageQuery {
  @ApiPropertyOptional({ enum: CLUB_EVENEMENT_TYPES })
  @IsOptional()
  @IsIn(CLUB_EVENEMENT_TYPES as unknown as string[], { message: 'Type d’événement inconnu.' })
  type?: ClubEvenementType;

  @ApiPropertyOptional({ enum: CLUB_EVENEMENT_STATUTS })
  @IsOptional()
  @IsIn(CLUB_EVENEMENT_STATUTS as unknown as string[], { message: 'Statut inconnu.' })
  statut?: ClubEvenementStatut;
}

export class IntervenantDto {
  @ApiProperty() nom!: string;
  @ApiProperty({ type: String, nullable: true }) fonction!: string | null;
  @ApiProperty() pvd!: boolean;
}

export class SupportDto {
  @ApiProperty() titre!: string;
  @ApiProperty() url!: string;
}

export class MonInscriptionDto {
  @ApiProperty({ enum: CLUB_INSCRIPTION_STATUTS }) statut!: ClubInscriptionStatut;
  @ApiProperty({ type: Number, nullable: true, description: 'Rang sur la liste d’attente' }) position!: number | null;
}

export class EvenementSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CLUB_EVENEMENT_TYPES }) type!: ClubEvenementType;
  @ApiProperty() titre!: string;
  @ApiProperty({ enum: CLUB_THEMES, isArray: true }) themes!: ClubTheme[];
  @ApiProperty({ type: String, format: 'date' }) dateDebut!: string;
  @ApiProperty({ type: String, format: 'date' }) dateFin!: string;
  @ApiProperty({ type: String, nullable: true }) heureDebut!: string | null;
  @ApiProperty({ type: String, nullable: true }) heureFin!: string | null;
  @ApiProperty({ format: 'uuid' }) organisateurId!: string;
  @ApiProperty() organisateurNom!: string;
  @ApiProperty({ type: String, nullable: true }) departementCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) departementNom!: string | null;
  @ApiProperty({ enum: CLUB_EVENEMENT_STATUTS }) statut!: ClubEvenementStatut;
  @ApiProperty({ type: Number, nullable: true }) capacite!: number | null;
  @ApiProperty({ description: 'Personnes inscrites' }) inscrits!: number;
  @ApiProperty({ description: 'Personnes en liste d’attente' }) enAttente!: number;
  @ApiProperty({ type: String, nullable: true }) lieu!: string | null;
  @ApiProperty({ description: 'Se tient en ligne (un lien est donné)' }) enLigne!: boolean;
  @ApiProperty({ type: MonInscriptionDto, nullable: true, description: 'Sa propre inscription (inscrit ou en attente)' }) monInscription!: MonInscriptionDto | null;
}

export class EvenementsPageDto {
  @ApiProperty({ type: [EvenementSummaryDto] }) items!: EvenementSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class OrganisateurDto {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ enum: ORGANISATION_TYPES }) organisationType!: OrganisationType;
  @ApiProperty() organisationNom!: string;
  @ApiProperty({ type: String, nullable: true }) departementCode!: string | null;
  @ApiProperty({ enum: CLUB_EVENEMENT_TYPES, isArray: true }) types!: ClubEvenementType[];
}

export class OrganisationEvenementsPageDto extends EvenementsPageDto {
  @ApiProperty({ type: [OrganisateurDto], description: 'Les organisations au nom desquelles on organise' }) organisateurs!: OrganisateurDto[];
}

export class SeanceDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() titre!: string;
  @ApiProperty({ type: String, format: 'date' }) dateDebut!: string;
  @ApiProperty({ type: String, nullable: true }) heureDebut!: string | null;
  @ApiProperty({ enum: CLUB_EVENEMENT_STATUTS }) statut!: ClubEvenementStatut;
}

export class EvenementDto extends EvenementSummaryDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId!: string | null;
  @ApiProperty({ type: String, nullable: true }) parentTitre!: string | null;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Lien de connexion : montré aux inscrits et aux organisateurs' }) lien!: string | null;
  @ApiProperty({ type: [IntervenantDto] }) intervenants!: IntervenantDto[];
  @ApiProperty({ type: String, nullable: true }) enregistrement!: string | null;
  @ApiProperty({ type: [SupportDto] }) supports!: SupportDto[];
  @ApiProperty({ type: Number, nullable: true }) participants!: number | null;
  @ApiProperty({ type: [SeanceDto], description: 'Les séances (d’une saison ou semaine thématique)' }) seances!: SeanceDto[];
  @ApiProperty({ description: 'On organise cet événement (modifier, voir les inscriptions)' }) peutGerer!: boolean;
  @ApiProperty({ description: 'On peut s’y inscrire (publié, pas terminé, rôle qui s’inscrit)' }) peutSInscrire!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) modifieLe!: string;
}

export class InscriptionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() nom!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ description: 'Organisations de la personne' }) organisation!: string;
  @ApiProperty({ enum: CLUB_INSCRIPTION_STATUTS }) statut!: ClubInscriptionStatut;
  @ApiProperty({ type: Number, nullable: true }) position!: number | null;
  @ApiProperty({ type: Boolean, nullable: true }) presence!: boolean | null;
  @ApiProperty({ type: String, format: 'date-time' }) inscritLe!: string;
  @ApiProperty() version!: number;
}

export class InscriptionsDto {
  @ApiProperty({ type: [InscriptionDto] }) items!: InscriptionDto[];
  @ApiProperty() inscrits!: number;
  @ApiProperty() enAttente!: number;
  @ApiProperty() presents!: number;
}

export class CalendrierDto {
  @ApiProperty({ description: 'Adresse de l’abonnement (à coller dans son agenda) ; secrète, elle peut être renouvelée' }) url!: string;
}
