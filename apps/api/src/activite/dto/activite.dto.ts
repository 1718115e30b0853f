import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACTIVITY_KIND_CODES } from '@suivi-pvd/domain';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { AuditChangeDto } from '../../audit/dto/audit-change.dto';
import { IsIsoDay } from '../../core/http/iso-day';

/** The filters of every activity feed. */
export class ActiviteFiltersQuery {
  @ApiPropertyOptional({ enum: ACTIVITY_KIND_CODES, description: 'Le type d’élément concerné (conventions, postes, missions…)' })
  @IsOptional()
  @IsIn(ACTIVITY_KIND_CODES as unknown as string[], { message: 'Type d’activité inconnu.' })
  type?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'L’auteur des changements (un compte)' })
  @IsOptional()
  @IsUUID('all', { message: 'Identifiant de personne invalide.' })
  personne?: string;

  @ApiPropertyOptional({ description: 'Depuis ce jour inclus (AAAA-MM-JJ, heure de Paris)' })
  @IsOptional()
  @IsIsoDay()
  du?: string;

  @ApiPropertyOptional({ description: 'Jusqu’à ce jour inclus (AAAA-MM-JJ, heure de Paris)' })
  @IsOptional()
  @IsIsoDay()
  au?: string;

  @ApiPropertyOptional({ description: 'Curseur : les entrées plus anciennes que celle-ci (la valeur `suivant` de la page précédente)' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,17}$/, { message: 'Curseur invalide.' })
  avant?: string;
}

export class ActiviteQuery extends ActiviteFiltersQuery {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'Taille de page invalide.' })
  @Min(1, { message: 'Taille de page invalide.' })
  @Max(200, { message: 'Taille de page : 200 au plus.' })
  pageSize?: number;
}

/** The territorial feed's narrowing: a département or a région within the caller's scope. */
export class ActiviteTerritoireQuery extends ActiviteQuery {
  @ApiPropertyOptional({ description: 'Code du département (dans le périmètre de l’appelant)' })
  @IsOptional()
  @Matches(/^(\d{2}|2[AB]|\d{3})$/, { message: 'Code de département invalide.' })
  departement?: string;

  @ApiPropertyOptional({ description: 'Code de la région (dans le périmètre de l’appelant)' })
  @IsOptional()
  @Matches(/^\d{2,3}$/, { message: 'Code de région invalide.' })
  region?: string;
}

export class ActiviteEntryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ description: 'Auteur en clair : « Prénom Nom (organisation) »' }) auteur!: string;
  @ApiProperty() action!: string;
  @ApiProperty({ description: 'L’action, en clair' }) actionLibelle!: string;
  @ApiProperty({ enum: ACTIVITY_KIND_CODES }) type!: string;
  @ApiProperty({ description: 'Le type d’élément, en clair' }) typeLibelle!: string;
  @ApiProperty({ description: 'La cible, en clair' }) objet!: string;
  @ApiProperty({ format: 'uuid' }) pvdId!: string;
  @ApiProperty({ description: 'Le dossier (petite ville de demain), par son nom' }) dossier!: string;
  @ApiProperty({ type: String, nullable: true }) departementCode!: string | null;
  @ApiProperty({ type: [AuditChangeDto] }) changes!: AuditChangeDto[];
}

export class ActivitePersonneDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: '« Prénom Nom (organisation) »' }) nom!: string;
}

export class ActivitePageDto {
  @ApiProperty({ type: [ActiviteEntryDto] }) items!: ActiviteEntryDto[];
  @ApiProperty() pageSize!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Curseur de la page suivante (paramètre `avant`), nul à la fin' }) suivant!: string | null;
  @ApiProperty({ type: [ActivitePersonneDto], description: 'Les auteurs de ce fil (choix du filtre par personne)' }) personnes!: ActivitePersonneDto[];
}
