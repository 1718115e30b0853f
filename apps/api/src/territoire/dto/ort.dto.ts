import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORT_STATUTS, type OrtStatut } from '@suivi-pvd/domain';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsIsoDay } from '../../core/http/iso-day';

export const INSEE = /^(\d{5}|2[AB]\d{3})$/;
export const SIREN = /^\d{9}$/;

export class OrtIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Identifiant d’ORT invalide.' })
  id!: string;
}

export class OrtInput {
  @ApiProperty({ example: 'ORT de la communauté de communes Creuse Sud-Ouest' })
  @IsString()
  @MinLength(3, { message: 'Indiquez l’intitulé de l’ORT.' })
  @MaxLength(300)
  libelle!: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'SIREN de l’EPCI signataire' })
  @IsOptional()
  @Matches(SIREN, { message: 'Un SIREN compte 9 chiffres.' })
  epciSiren?: string | null;

  @ApiProperty({ enum: ORT_STATUTS })
  @IsIn(ORT_STATUTS as unknown as string[], { message: 'Statut inconnu.' })
  statut!: OrtStatut;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsIsoDay()
  dateSignature?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Durée en années (1 à 30)' })
  @IsOptional()
  @IsInt({ message: 'La durée est un nombre entier d’années, de 1 à 30.' })
  @Min(1, { message: 'La durée est un nombre entier d’années, de 1 à 30.' })
  @Max(30, { message: 'La durée est un nombre entier d’années, de 1 à 30.' })
  dureeAnnees?: number | null;

  @ApiProperty({ type: [String], description: 'Codes INSEE des communes couvertes', example: ['23001'] })
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(INSEE, { each: true, message: 'Code INSEE invalide.' })
  communes!: string[];

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid', description: 'Convention-cadre valant ORT' })
  @IsOptional()
  @IsUUID('all', { message: 'Convention invalide.' })
  conventionCadreId?: string | null;
}

export class UpdateOrtInput extends OrtInput {
  @ApiProperty({ description: 'Version lue' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}

export class CommuneCouverteDto {
  @ApiProperty() insee!: string;
  @ApiProperty() nom!: string;
  @ApiProperty() departementCode!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Population municipale (référentiel) : elle borne les engagements plausibles d’une opération' }) population!: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'La PVD dont la commune fait partie, si elle en est une' }) pvdId!: string | null;
}

export class ConventionOrtDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) pvdId!: string;
  @ApiProperty() etat!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dateSignature!: string | null;
}

export class OrtDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() libelle!: string;
  @ApiProperty({ type: String, nullable: true }) epciSiren!: string | null;
  @ApiProperty({ type: String, nullable: true }) epciNom!: string | null;
  @ApiProperty({ enum: ORT_STATUTS }) statut!: OrtStatut;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dateSignature!: string | null;
  @ApiProperty({ type: Number, nullable: true }) dureeAnnees!: number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Fin calculée : signature + durée' }) dateFin!: string | null;
  @ApiProperty({ type: [CommuneCouverteDto] }) communes!: CommuneCouverteDto[];
  @ApiProperty({ type: ConventionOrtDto, nullable: true }) conventionCadre!: ConventionOrtDto | null;
  @ApiProperty() peutModifier!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) modifieLe!: string;
  @ApiProperty({ type: String, nullable: true }) modifiePar!: string | null;
}

export class OrtDuDossierDto {
  @ApiProperty({ type: [OrtDto], description: 'Les ORT qui couvrent une commune de la PVD' }) orts!: OrtDto[];
  @ApiProperty({ type: ConventionOrtDto, nullable: true, description: 'La convention-cadre de la PVD, si elle vaut ORT' }) conventionCadreOrt!: ConventionOrtDto | null;
  @ApiProperty({ description: 'L’utilisateur peut enregistrer une ORT pour cette PVD' }) peutCreer!: boolean;
}
