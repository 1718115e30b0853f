import { AuditChangeDto } from '../../audit/dto/audit-change.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORGANISATION_TYPES, ROLES, type OrganisationType, type Role } from '@suivi-pvd/domain';
import { Type } from 'class-transformer';
import { IsDefined, IsEmail, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { MembershipDto } from '../../core/auth/dto/login.dto';
import { PageQuery } from '../../core/http/page-query';
import { IsDepartementCode, IsRegionCode } from '../../core/http/territory-codes';
import { OptionalNotNull } from '../../core/http/optional';

export class OrganisationRefInput {
  @ApiProperty({ enum: ORGANISATION_TYPES })
  @IsIn(ORGANISATION_TYPES as unknown as string[])
  type!: OrganisationType;

  @ApiPropertyOptional({ description: 'Pour une commune' })
  @OptionalNotNull()
  @Matches(/^(\d{2}|2[AB])\d{3}$/, { message: 'Code INSEE invalide.' })
  communeInsee?: string;

  @ApiPropertyOptional({ description: 'Pour un EPCI' })
  @OptionalNotNull()
  @Matches(/^\d{9}$/, { message: 'SIREN invalide (9 chiffres).' })
  epciSiren?: string;

  @ApiPropertyOptional({ description: 'Pour une préfecture' })
  @OptionalNotNull()
  @IsDepartementCode()
  departementCode?: string;

  @ApiPropertyOptional({ description: 'Pour un SGAR' })
  @OptionalNotNull()
  @IsRegionCode()
  regionCode?: string;

  @ApiPropertyOptional({ description: 'Pour un partenaire' })
  @OptionalNotNull()
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  nom?: string;
}

export class InviteInput {
  @ApiProperty()
  @IsEmail({}, { message: 'Adresse électronique invalide.' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Camille Martin' })
  @IsString()
  @MinLength(2, { message: 'Indiquez le nom de la personne.' })
  @MaxLength(120)
  displayName!: string;

  @ApiProperty({ type: OrganisationRefInput })
  @IsObject()
  @IsDefined()
  @ValidateNested()
  @Type(() => OrganisationRefInput)
  organisation!: OrganisationRefInput;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES as unknown as string[], { message: 'Rôle inconnu.' })
  role!: Role;
}

export class InviteResultDto {
  @ApiProperty() userId!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ description: 'Vrai si un compte a été créé et une invitation envoyée ; faux si un compte existant a reçu le rôle' })
  invitationSent!: boolean;
}

export class TokenPasswordInput {
  /** Any string: a wrong one gets TOKEN_INVALID, the same answer as an expired one. */
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  token!: string;

  @ApiProperty({ description: '12 caractères au moins' })
  @IsString()
  @MaxLength(200)
  password!: string;
}

export class ResetRequestInput {
  @ApiProperty()
  @IsEmail({}, { message: 'Adresse électronique invalide.' })
  @MaxLength(254)
  email!: string;
}

export class ChangePasswordInput {
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  currentPassword!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(200)
  newPassword!: string;
}

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Nom ou adresse' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

}

export class UserIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Identifiant de compte invalide.' })
  id!: string;
}

export class MembershipParams extends UserIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Identifiant de rattachement invalide.' })
  membershipId!: string;
}

export class VersionInput {
  @ApiProperty({ description: 'Version du compte lue avant la modification' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}

export class ChangeRoleInput extends VersionInput {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES as unknown as string[], { message: 'Rôle inconnu.' })
  role!: Role;
}

export class UserMembershipDto extends MembershipDto {
  @ApiProperty() id!: string;
}

export class UserDto {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty({ description: 'Vrai tant que la personne invitée n’a pas choisi de mot de passe' }) pendingInvitation!: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastLoginAt!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ type: [UserMembershipDto] }) memberships!: UserMembershipDto[];
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto] }) items!: UserDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class OrganisationDto {
  @ApiProperty() id!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: ORGANISATION_TYPES }) type!: OrganisationType;
  @ApiProperty() nom!: string;
  @ApiProperty({ type: String, nullable: true }) siret!: string | null;
  @ApiProperty({ type: String, nullable: true }) communeInsee!: string | null;
  @ApiProperty({ type: String, nullable: true }) epciSiren!: string | null;
  @ApiProperty({ type: String, nullable: true }) departementCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) regionCode!: string | null;
  @ApiProperty() members!: number;
}

export class AuditEntryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ description: 'Auteur tel qu’enregistré (adresse électronique, « import CLI »)' }) actor!: string;
  @ApiProperty({ description: 'Auteur en clair : « Prénom Nom (organisation) »' }) auteur!: string;
  @ApiProperty() action!: string;
  @ApiProperty({ description: 'L’action, en clair', example: 'Changement de rôle' }) actionLibelle!: string;
  @ApiProperty() entityType!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty({ description: 'La cible, en clair : « Compte Camille Durand (Commune d’Ahun) », « Convention-cadre »' }) objet!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Le dossier (petite ville de demain) concerné, par son nom' }) dossier!: string | null;
  @ApiProperty({ type: String, nullable: true }) ip!: string | null;
  @ApiProperty({ nullable: true, type: Object, description: 'Valeurs brutes avant (pour les exports)' }) before!: unknown;
  @ApiProperty({ nullable: true, type: Object, description: 'Valeurs brutes après (pour les exports)' }) after!: unknown;
  @ApiProperty({ type: [AuditChangeDto], description: 'Les champs modifiés, nommés comme à l’écran, valeurs en clair' }) changes!: AuditChangeDto[];
}

/**
 * How deep the journal pages by number: its ids are skipped on the primary key's index, cheap up to
 * here (4,950 entries); deeper, the journal is read by cursor, at the same cost at any depth.
 */
export const JOURNAL_MAX_PAGE = 100;

export class AuditQuery {
  @ApiPropertyOptional({
    default: 1,
    minimum: 1,
    maximum: JOURNAL_MAX_PAGE,
    description: `Numéro de page, jusqu’à ${JOURNAL_MAX_PAGE} ; au-delà, suivre le curseur \`avant\` (la valeur \`suivant\` de chaque page)`,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(JOURNAL_MAX_PAGE, { message: `Au-delà de la page ${JOURNAL_MAX_PAGE}, parcourez le journal par les entrées plus anciennes (paramètre avant).` })
  page?: number;

  @ApiPropertyOptional({ description: 'Préfixe d’action, par exemple auth. ou compte.' })
  @IsOptional()
  @Matches(/^[a-z._]{1,40}$/, { message: 'Filtre d’action invalide.' })
  action?: string;

  @ApiPropertyOptional({ description: 'Curseur : les entrées plus anciennes que celle-ci (la valeur `suivant` de la page précédente), en lieu et place de `page`' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,17}$/, { message: 'Curseur invalide.' })
  avant?: string;

  @ApiPropertyOptional({ description: 'Curseur : les entrées plus récentes que celle-ci (la valeur `precedent` de la page suivante), en lieu et place de `page` ; sans `avant`' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,17}$/, { message: 'Curseur invalide.' })
  apres?: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items!: AuditEntryDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Curseur de la page suivante (paramètre `avant`), absent à la fin du journal' }) suivant!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Curseur de la page précédente (paramètre `apres`), absent sur la page des entrées les plus récentes' }) precedent!: string | null;
}

export class OrganisationIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Identifiant d’organisation invalide.' })
  id!: string;
}

export class SetSiretInput {
  @ApiProperty({ type: String, nullable: true, description: 'SIRET (14 chiffres), pour reconnaître les agents ProConnect ; null pour l’effacer' })
  @IsOptional()
  @Matches(/^\d{14}$/, { message: 'SIRET invalide (14 chiffres).' })
  siret!: string | null;

  @ApiProperty({ description: 'Version de l’organisation lue avant la modification' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}

export class MessageDto {
  @ApiProperty() message!: string;
}
