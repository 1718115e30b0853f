import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CLES_VALEURS_REFERENCE, VALEUR_REFERENCE_MAX, ZONES_REFERENCE } from '@suivi-pvd/domain';
import { IsIn, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsIsoDay } from '../../core/http/iso-day';

export class ValeurReferenceInput {
  @ApiProperty({ enum: CLES_VALEURS_REFERENCE })
  @IsIn(CLES_VALEURS_REFERENCE as string[], { message: 'Valeur de référence inconnue.' })
  cle!: string;

  @ApiProperty({ enum: ZONES_REFERENCE })
  @IsIn(ZONES_REFERENCE as unknown as string[], { message: 'Zone : nation, region ou departement.' })
  zoneType!: string;

  @ApiPropertyOptional({ description: 'Code de la région ou du département ; vide pour la France entière', example: '23' })
  @IsOptional()
  @IsString()
  @MaxLength(3)
  zoneCode?: string;

  @ApiProperty({ format: 'date', example: '2023-12-31' })
  @IsIsoDay()
  dateValeur!: string;

  @ApiProperty({ example: 2800, description: 'Arrondie au centième' })
  // No maxDecimalPlaces: class-validator 0.15 throws on numbers written with an exponent (2e-323).
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(VALEUR_REFERENCE_MAX)
  valeur!: number;

  @ApiProperty({ example: 'ANCT 12/2023' })
  @IsString()
  @MaxLength(200)
  source!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  commentaire?: string;
}

export class ValeurReferenceIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Identifiant invalide.' })
  id!: string;
}

export class ValeurReferenceDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CLES_VALEURS_REFERENCE }) cle!: string;
  @ApiProperty({ enum: ZONES_REFERENCE }) zoneType!: string;
  @ApiProperty() zoneCode!: string;
  @ApiProperty({ format: 'date' }) dateValeur!: string;
  @ApiProperty() valeur!: number;
  @ApiProperty() source!: string;
  @ApiProperty({ type: String, nullable: true }) commentaire!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, nullable: true }) createdBy!: string | null;
}

export class CleValeurReferenceDto {
  @ApiProperty({ enum: CLES_VALEURS_REFERENCE }) cle!: string;
  @ApiProperty() libelle!: string;
  @ApiProperty() unite!: string;
  @ApiProperty() indicateur!: string;
}

export class ValeursReferenceDto {
  @ApiProperty({ type: [CleValeurReferenceDto] }) cles!: CleValeurReferenceDto[];
  @ApiProperty({ type: [ValeurReferenceDto] }) items!: ValeurReferenceDto[];
}

export class ErreurLigneDto {
  @ApiProperty() ligne!: number;
  @ApiProperty() champ!: string;
  @ApiProperty() message!: string;
}

export class ValeursReferenceImportDto {
  @ApiProperty() crees!: number;
  @ApiProperty() inchanges!: number;
  @ApiProperty({ type: [ErreurLigneDto], description: 'Les 200 premières erreurs ; le fichier est refusé en entier s’il y en a' }) erreurs!: ErreurLigneDto[];
  @ApiProperty() totalErreurs!: number;
}
