import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ATTRIBUT_TYPES, type AttributType } from '@suivi-pvd/domain';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsIsoDay } from '../../core/http/iso-day';
import { SizedPageQuery } from '../../core/http/page-query';
import { IsDepartementCode, IsRegionCode } from '../../core/http/territory-codes';
import { OptionalNotNull } from '../../core/http/optional';

export class DemarcheIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Identifiant de dispositif invalide.' })
  id!: string;
}

export class ParticipationIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Identifiant de participation invalide.' })
  id!: string;
}

/** One typed attribute a scheme declares (its consistency is checked by the domain rules). */
export class AttributDefinitionDto {
  @ApiProperty({ description: 'Clé stable (minuscules, chiffres, « _ »)', example: 'forme' })
  @IsString()
  @MaxLength(40)
  cle!: string;

  @ApiProperty({ example: 'Forme' })
  @IsString()
  @MaxLength(120)
  libelle!: string;

  @ApiProperty({ enum: ATTRIBUT_TYPES })
  @IsIn(ATTRIBUT_TYPES as unknown as string[], { message: 'Type inconnu.' })
  type!: AttributType;

  @ApiPropertyOptional({ type: [String], description: 'Pour une liste de choix : les valeurs possibles' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(120, { each: true })
  choix?: string[];

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  obligatoire?: boolean;
}

export class DemarcheFields {
  @ApiProperty({ example: 'Petites cités de caractère' })
  @IsString()
  @MinLength(2, { message: 'Indiquez le nom du dispositif.' })
  @MaxLength(200)
  nom!: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string | null;

  @ApiProperty({ type: [AttributDefinitionDto] })
  @IsArray()
  @ArrayMaxSize(30)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => AttributDefinitionDto)
  attributs!: AttributDefinitionDto[];
}

export class CreateDemarcheInput extends DemarcheFields {
  @ApiPropertyOptional({ description: 'Code stable (par défaut : tiré du nom)', example: 'petites_cites_caractere' })
  @OptionalNotNull()
  @Matches(/^[a-z][a-z0-9_]{1,39}$/, { message: 'Code en minuscules, chiffres et « _ », commençant par une lettre (40 caractères au plus).' })
  code?: string;
}

export class UpdateDemarcheInput {
  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsString()
  @MinLength(2, { message: 'Indiquez le nom du dispositif.' })
  @MaxLength(200)
  nom?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string | null;

  @ApiPropertyOptional({ description: 'Proposé pour de nouvelles participations' })
  @OptionalNotNull()
  @IsBoolean()
  actif?: boolean;

  @ApiPropertyOptional({ type: [AttributDefinitionDto], description: 'Toutes les définitions (remplacent les précédentes)' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(30)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => AttributDefinitionDto)
  attributs?: AttributDefinitionDto[];

  @ApiProperty({ description: 'Version lue' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}

export class DemarcheDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() nom!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ type: [AttributDefinitionDto] }) attributs!: AttributDefinitionDto[];
  @ApiProperty() actif!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty({ description: 'Participations que l’utilisateur peut lire' }) participations!: number;
}

export class DemarchesDto {
  @ApiProperty({ type: [DemarcheDto] }) items!: DemarcheDto[];
  @ApiProperty({ description: 'L’utilisateur administre le catalogue (ANCT)' }) peutAdministrer!: boolean;
}

const VALUES_DESCRIPTION = 'Valeurs des attributs du dispositif, par clé (texte, nombre, date AAAA-MM-JJ, booléen ou l’un des choix)';

export class ParticipationFields {
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsIsoDay()
  dateDebut?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsIsoDay()
  dateFin?: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, description: VALUES_DESCRIPTION })
  @IsObject({ message: 'Un objet est attendu (valeurs par clé d’attribut).' })
  attributs!: Record<string, unknown>;
}

export class CreateParticipationInput extends ParticipationFields {
  @ApiProperty({ example: '23001', description: 'Code INSEE de la commune (d’une petite ville de demain)' })
  @Matches(/^(\d{5}|2[AB]\d{3})$/, { message: 'Code INSEE invalide.' })
  communeInsee!: string;
}

export class UpdateParticipationInput extends ParticipationFields {
  @ApiProperty({ description: 'Version lue' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}

export { VersionQuery } from '../../core/http/version-query';

export class ParticipationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) demarcheId!: string;
  @ApiProperty() demarcheNom!: string;
  @ApiProperty() communeInsee!: string;
  @ApiProperty() communeNom!: string;
  @ApiProperty() departementCode!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'La PVD de la commune' }) pvdId!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dateDebut!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dateFin!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: VALUES_DESCRIPTION }) attributs!: Record<string, unknown>;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) modifieLe!: string;
  @ApiProperty({ type: String, nullable: true }) modifiePar!: string | null;
  @ApiProperty() peutModifier!: boolean;
}

export class CommuneSaisieDto {
  @ApiProperty() insee!: string;
  @ApiProperty() nom!: string;
  @ApiProperty({ description: 'L’utilisateur peut saisir les participations de cette commune' }) peutSaisir!: boolean;
}

export class ParticipationsDuDossierDto {
  @ApiProperty({ type: [ParticipationDto] }) items!: ParticipationDto[];
  @ApiProperty({ type: [CommuneSaisieDto] }) communes!: CommuneSaisieDto[];
}

export class ParticipationsQuery extends SizedPageQuery {
  @ApiPropertyOptional({ description: 'Code du département' })
  @IsOptional()
  @IsDepartementCode()
  departement?: string;

  @ApiPropertyOptional({ description: 'Code de la région' })
  @IsOptional()
  @IsRegionCode()
  region?: string;
}

export class ParticipationsPageDto {
  @ApiProperty({ type: [ParticipationDto] }) items!: ParticipationDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
