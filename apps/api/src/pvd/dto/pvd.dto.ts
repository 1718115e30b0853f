import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  PVD_CONVENTION_STATUTS,
  PVD_ORT_STATUTS,
  PVD_POSTE_FILTRES,
  PVD_RETARD_MOTIFS,
  type PvdConventionStatut,
  type PvdOrtStatut,
  type PvdPosteFiltre,
  type PvdRetardMotif,
} from '@suivi-pvd/domain';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { IsIsoDay } from '../../core/http/iso-day';
import { SizedPageQuery } from '../../core/http/page-query';
import { IsDepartementCode, IsRegionCode } from '../../core/http/territory-codes';

/** The orders of the PVD list (« -x »: descending). */
export const PVD_TRIS = [
  'nom',
  '-nom',
  'idPvd',
  '-idPvd',
  'dateSelection',
  '-dateSelection',
  'departement',
  '-departement',
  'echeance',
  '-echeance',
  'miseAJour',
  '-miseAJour',
] as const;
export type PvdTri = (typeof PVD_TRIS)[number];

export class ListPvdQuery extends SizedPageQuery {
  @ApiPropertyOptional({ description: 'Code du département (une de ses communes)', example: '23' })
  @IsOptional()
  @IsDepartementCode()
  departement?: string;

  @ApiPropertyOptional({ description: 'Code de la région (une de ses communes)', example: '75' })
  @IsOptional()
  @IsRegionCode()
  region?: string;

  @ApiPropertyOptional({ enum: PVD_CONVENTION_STATUTS, description: 'État de la convention d’adhésion (signée : elle a une date, ici ou dans la liste nationale)' })
  @IsOptional()
  @IsIn(PVD_CONVENTION_STATUTS as unknown as string[], { message: 'État de convention inconnu.' })
  adhesion?: PvdConventionStatut;

  @ApiPropertyOptional({ enum: PVD_CONVENTION_STATUTS, description: 'État de la convention-cadre' })
  @IsOptional()
  @IsIn(PVD_CONVENTION_STATUTS as unknown as string[], { message: 'État de convention inconnu.' })
  cadre?: PvdConventionStatut;

  @ApiPropertyOptional({ enum: PVD_ORT_STATUTS, description: 'Statut de l’ORT (la plus avancée de celles qui couvrent une commune de la PVD)' })
  @IsOptional()
  @IsIn(PVD_ORT_STATUTS as unknown as string[], { message: 'Statut d’ORT inconnu.' })
  ort?: PvdOrtStatut;

  @ApiPropertyOptional({ enum: PVD_POSTE_FILTRES, description: 'Postes de chef de projet, aujourd’hui' })
  @IsOptional()
  @IsIn(PVD_POSTE_FILTRES as unknown as string[], { message: 'Choix de poste inconnu.' })
  poste?: PvdPosteFiltre;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true : seulement les PVD en retard (convention-cadre en retard, ou convention à compléter sans réponse depuis plus de 30 jours) ; false : les autres' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'En retard : true ou false.' })
  enRetard?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'Nom d’une commune de la PVD, ou son identifiant PVD', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: 'La recherche fait au plus 100 caractères.' })
  q?: string;

  @ApiPropertyOptional({
    enum: PVD_TRIS,
    description: 'Ordre : nom (par défaut), identifiant PVD, date de sélection, département, échéance de la convention-cadre, dernière mise à jour ; « - » devant pour l’ordre inverse',
  })
  @IsOptional()
  @IsIn(PVD_TRIS as unknown as string[], { message: 'Tri inconnu.' })
  tri?: PvdTri;
}

export class PvdIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Identifiant de PVD invalide.' })
  id!: string;
}

export class PvdCommuneDto {
  @ApiProperty() insee!: string;
  @ApiProperty() nom!: string;
  @ApiProperty() departementCode!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Population municipale (référentiel)' }) population!: number | null;
}

export class PvdSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'pvd-75-23-1' }) idPvd!: string;
  @ApiProperty({ description: 'Nom usuel : la commune, ou les communes du binôme' }) nom!: string;
  @ApiProperty({ type: [PvdCommuneDto] }) communes!: PvdCommuneDto[];
  @ApiProperty({ type: String, nullable: true }) epciSiren!: string | null;
  @ApiProperty({ type: String, nullable: true }) epciNom!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) dateSelection!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) dateConventionAdhesion!: string | null;
  @ApiProperty({ description: 'Identifiant provisoire (PROV-<insee>) : liste reçue sans id_pvd, à regrouper' }) provisoire!: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date', description: 'Retirée du programme ce jour (sa dernière commune a été retirée)' })
  dateRetrait!: string | null;
  @ApiProperty() version!: number;
}

/** One of the PVD's conventions (adhésion, convention-cadre) as the list shows it. */
export class PvdConventionSuiviDto {
  @ApiProperty({ enum: PVD_CONVENTION_STATUTS }) etat!: PvdConventionStatut;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'La convention saisie ici, s’il y en a une' }) conventionId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date', description: 'Jour d’entrée dans son état actuel (convention saisie ici)' }) depuis!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date', description: 'Date de signature (pour l’adhésion : celle saisie ici, sinon celle de la liste nationale)' })
  dateSignature!: string | null;
}

export class PvdCadreSuiviDto extends PvdConventionSuiviDto {
  @ApiProperty({ type: String, nullable: true, format: 'date', description: 'Échéance : la date de l’adhésion plus le délai en vigueur ce jour-là ; aucune sans adhésion' })
  dateLimite!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Jours de retard aujourd’hui (échéance passée, convention-cadre non signée)' }) joursDeRetard!: number | null;
}

export class PvdPostesSuiviDto {
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'Sans titulaire aujourd’hui' }) vacants!: number;
  @ApiProperty({ description: 'Pourvus, avec un cofinancement en cours aujourd’hui' }) cofinances!: number;
}

/** A PVD of the list, with where it stands today. */
export class PvdListItemDto extends PvdSummaryDto {
  @ApiProperty({ description: 'Département de sa commune principale' }) departementCode!: string;
  @ApiProperty({ type: String, nullable: true }) departementNom!: string | null;
  @ApiProperty() regionCode!: string;
  @ApiProperty({ type: String, nullable: true }) regionNom!: string | null;
  @ApiProperty({ type: PvdConventionSuiviDto }) adhesion!: PvdConventionSuiviDto;
  @ApiProperty({ type: PvdCadreSuiviDto }) cadre!: PvdCadreSuiviDto;
  @ApiProperty({ enum: PVD_RETARD_MOTIFS, isArray: true, description: 'Ce qui est en retard aujourd’hui (règles de la liste « À traiter »)' }) retards!: PvdRetardMotif[];
  @ApiProperty({ enum: PVD_ORT_STATUTS }) ort!: PvdOrtStatut;
  @ApiProperty({ type: PvdPostesSuiviDto }) postes!: PvdPostesSuiviDto;
  @ApiProperty({ format: 'date-time', description: 'Dernière modification du dossier (son historique) ou de la PVD' }) miseAJour!: string;
}

export class PvdPageDto {
  @ApiProperty({ type: [PvdListItemDto] }) items!: PvdListItemDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class PvdCommuneParam extends PvdIdParam {
  @ApiProperty({ example: '23001' })
  @Matches(/^(\d{5}|2[AB]\d{3})$/, { message: 'Code INSEE invalide.' })
  insee!: string;
}

export class MembershipPeriodDto {
  @ApiProperty() insee!: string;
  @ApiProperty() nom!: string;
  @ApiProperty({ format: 'date', description: 'Membre à partir de ce jour' }) debut!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date', description: 'Plus membre à partir de ce jour' }) fin!: string | null;
  @ApiProperty({ enum: ['selection', 'deplacement', 'reprise'] }) motifDebut!: 'selection' | 'deplacement' | 'reprise';
  @ApiProperty({ type: String, nullable: true, enum: ['retrait', 'deplacement'] }) motifFin!: 'retrait' | 'deplacement' | null;
  @ApiProperty({ type: String, nullable: true }) commentaire!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Fichier importé qui a ouvert la période' }) importDebut!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Fichier importé qui l’a close' }) importFin!: string | null;
}

export class WithdrawCommuneDto {
  @ApiPropertyOptional({ format: 'date', description: 'Jour du retrait (la commune n’est plus membre ce jour-là) ; par défaut aujourd’hui' })
  @IsOptional()
  @IsIsoDay()
  date?: string;

  @ApiProperty({ description: 'Motif du retrait (délibération, décision…)' })
  @IsString({ message: 'Indiquez le motif du retrait.' })
  @MinLength(3, { message: 'Indiquez le motif du retrait.' })
  @MaxLength(500, { message: '500 caractères au plus.' })
  motif!: string;
}
