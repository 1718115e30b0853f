import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { PARAMETRE_CLES, REFERENCE_DECISION_MAX, type ParametreCle, type ParametreNature } from '@suivi-pvd/domain';
import { Allow, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsIsoDay } from '../../core/http/iso-day';

/** A parameter value: a number (rate, amount, months), a date or null, or a list of operation types. */
const VALEUR_SCHEMA: ApiPropertyOptions = {
  oneOf: [{ type: 'number' }, { type: 'string', format: 'date' }, { type: 'array', items: { type: 'string' } }],
  nullable: true,
};

export const PARAMETRE_STATUTS = ['passee', 'en_vigueur', 'a_venir', 'remplacee'] as const;
export type ParametreStatut = (typeof PARAMETRE_STATUTS)[number];

export class ParametreValeurDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date', description: 'Premier jour où la valeur s’applique' }) dateEffet!: string;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Dernier jour où elle s’applique, selon ce qui est décidé à ce jour (la veille de la valeur suivante) ; null : jusqu’à nouvel ordre ou remplacée',
  })
  dateFin!: string | null;
  @ApiProperty({ format: 'date', description: 'Jour de la décision' }) decideLe!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Référence de la décision (arrêté, circulaire…)' }) reference!: string | null;
  @ApiProperty({ description: 'S’applique à partir d’un jour antérieur à sa décision' }) retroactive!: boolean;
  @ApiProperty({ ...VALEUR_SCHEMA, description: 'Taux en %, montant en euros, date AAAA-MM-JJ ou null, liste de types d’opération, nombre de mois' })
  valeur!: unknown;
  @ApiProperty({ description: 'La valeur en mots : « 75 % », « 45 000 € », « sans fin »' }) libelle!: string;
  @ApiProperty({ enum: PARAMETRE_STATUTS, description: '« remplacee » : une décision plus récente a fixé une autre valeur à partir du même jour' })
  statut!: ParametreStatut;
  @ApiProperty({ type: String, nullable: true }) creePar!: string | null;
  @ApiProperty({ type: String, format: 'date-time', description: 'Quand la valeur a été saisie' }) creeLe!: string;
  @ApiProperty({ description: 'Une valeur à venir peut être annulée avant sa date d’effet' }) annulable!: boolean;
}

export class ParametreDto {
  @ApiProperty({ enum: PARAMETRE_CLES }) cle!: ParametreCle;
  @ApiProperty() libelle!: string;
  @ApiProperty() aide!: string;
  @ApiProperty({ enum: ['taux', 'montant', 'date_fin', 'operations', 'mois'] }) nature!: ParametreNature;
  @ApiProperty({ ...VALEUR_SCHEMA, description: 'Valeur en vigueur aujourd’hui' }) valeurActuelle!: unknown;
  @ApiProperty() libelleActuel!: string;
  @ApiProperty({ type: [ParametreValeurDto], description: 'Toutes les valeurs, de la plus ancienne à la plus récente' })
  valeurs!: ParametreValeurDto[];
}

export class ParametresDto {
  @ApiProperty({ format: 'date', description: 'Aujourd’hui (heure de Paris) : une décision date au plus de ce jour ; une valeur qui s’applique avant exige sa référence' }) aujourdhui!: string;
  @ApiProperty({ type: [ParametreDto] }) parametres!: ParametreDto[];
}

export class NouvelleValeurInput {
  @ApiProperty({ enum: PARAMETRE_CLES })
  @IsIn(PARAMETRE_CLES as unknown as string[], { message: 'Paramètre inconnu.' })
  cle!: ParametreCle;

  @ApiProperty({ ...VALEUR_SCHEMA, description: 'Nouvelle valeur : taux en %, montant en euros, date AAAA-MM-JJ ou null (« sans fin »), liste de types d’opération, nombre de mois' })
  // Any JSON value, null included (« sans fin »); the domain checks it against the parameter's nature.
  @Allow()
  valeur!: unknown;

  @ApiProperty({ format: 'date', description: 'Date à partir de laquelle la valeur s’applique (pas avant le début du programme, le 01/10/2020)' })
  @IsIsoDay()
  dateEffet!: string;

  @ApiPropertyOptional({ format: 'date', description: 'Jour de la décision (aujourd’hui par défaut ; jamais dans le futur)' })
  @IsOptional()
  @IsIsoDay()
  decideLe?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: REFERENCE_DECISION_MAX,
    description: 'Référence ou motif de la décision ; obligatoire quand la valeur s’applique avant aujourd’hui (rétroactive, ou décidée plus tôt et saisie après sa date d’effet)',
  })
  @IsOptional()
  @IsString({ message: 'La référence de la décision est un texte.' })
  @MaxLength(REFERENCE_DECISION_MAX, { message: `La référence de la décision fait au plus ${REFERENCE_DECISION_MAX} caractères.` })
  reference?: string | null;
}

export class ParametreIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Identifiant invalide.' })
  id!: string;
}
