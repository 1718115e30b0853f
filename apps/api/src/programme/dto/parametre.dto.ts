import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { PARAMETRE_CLES, type ParametreCle, type ParametreNature } from '@suivi-pvd/domain';
import { Allow, IsIn, IsUUID } from 'class-validator';
import { IsIsoDay } from '../../core/http/iso-day';

/** A parameter value: a number (rate, amount, months), a date or null, or a list of operation types. */
const VALEUR_SCHEMA: ApiPropertyOptions = {
  oneOf: [{ type: 'number' }, { type: 'string', format: 'date' }, { type: 'array', items: { type: 'string' } }],
  nullable: true,
};

export class ParametreValeurDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date' }) dateEffet!: string;
  @ApiProperty({ ...VALEUR_SCHEMA, description: 'Taux en %, montant en euros, date AAAA-MM-JJ ou null, liste de types d’opération, nombre de mois' })
  valeur!: unknown;
  @ApiProperty({ description: 'La valeur en mots : « 75 % », « 45 000 € », « sans fin »' }) libelle!: string;
  @ApiProperty({ enum: ['passee', 'en_vigueur', 'a_venir'] }) statut!: 'passee' | 'en_vigueur' | 'a_venir';
  @ApiProperty({ type: String, nullable: true }) creePar!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) creeLe!: string;
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
  @ApiProperty({ format: 'date', description: 'Aujourd’hui (heure de Paris) : une nouvelle valeur s’applique au plus tôt ce jour' }) aujourdhui!: string;
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

  @ApiProperty({ format: 'date', description: 'Date à partir de laquelle la valeur s’applique (aujourd’hui ou plus tard)' })
  @IsIsoDay()
  dateEffet!: string;
}

export class ParametreIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Identifiant invalide.' })
  id!: string;
}
