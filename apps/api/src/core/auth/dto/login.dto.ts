import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'anct@demo.suivi-pvd.fr' })
  @IsEmail({}, { message: 'Adresse électronique invalide.' })
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1, { message: 'Saisissez votre mot de passe.' })
  @MaxLength(200)
  password!: string;
}

export class MeDto {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ['chef_de_projet', 'prefecture', 'anct', 'administrateur'] }) role!: string;
  @ApiProperty({ type: String, nullable: true }) communeInsee!: string | null;
  @ApiProperty({ type: String, nullable: true }) departementCode!: string | null;
  @ApiProperty({ type: [String] }) permissions!: string[];
}
