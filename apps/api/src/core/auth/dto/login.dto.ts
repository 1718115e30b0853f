import { ApiProperty } from '@nestjs/swagger';
import { ORGANISATION_TYPES, PERMISSIONS, ROLES } from '@suivi-pvd/domain';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'anct@demo.test' })
  @IsEmail({}, { message: 'Adresse électronique invalide.' })
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1, { message: 'Saisissez votre mot de passe.' })
  @MaxLength(200)
  password!: string;
}

export class MembershipDto {
  @ApiProperty() organisationId!: string;
  @ApiProperty({ enum: ORGANISATION_TYPES }) organisationType!: (typeof ORGANISATION_TYPES)[number];
  @ApiProperty() organisationNom!: string;
  @ApiProperty({ enum: ROLES }) role!: (typeof ROLES)[number];
  @ApiProperty({ type: String, nullable: true }) communeInsee!: string | null;
  @ApiProperty({ type: String, nullable: true }) epciSiren!: string | null;
  @ApiProperty({ type: String, nullable: true }) departementCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) regionCode!: string | null;
}

export class MeDto {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: [MembershipDto] }) memberships!: MembershipDto[];
  @ApiProperty({ enum: PERMISSIONS, isArray: true }) permissions!: (typeof PERMISSIONS)[number][];
  @ApiProperty({ enum: ['mot_de_passe', 'proconnect'], description: 'Comment la session a été ouverte' }) authMethod!: 'mot_de_passe' | 'proconnect';
}
