import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DISCUSSION_ITEM_TYPES, MESSAGE_MAX_LENGTH, MESSAGE_MAX_MENTIONS, type DiscussionItemType } from '@suivi-pvd/domain';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

export class DiscussionItemParams {
  @ApiProperty({ enum: DISCUSSION_ITEM_TYPES })
  @IsIn(DISCUSSION_ITEM_TYPES, { message: `Type d’élément inconnu (${DISCUSSION_ITEM_TYPES.join(', ')}).` })
  type!: DiscussionItemType;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Identifiant invalide.' })
  id!: string;
}

export class MessageIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Identifiant de message invalide.' })
  id!: string;
}

export class PieceJointeParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Identifiant de pièce jointe invalide.' })
  id!: string;
}

export class MessagesQuery {
  @ApiPropertyOptional({ description: 'Curseur de la page suivante (`suivant` de la page précédente)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'Curseur invalide.' })
  curseur?: string;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limite?: number;
}

export class PersonnesQuery {
  @ApiPropertyOptional({ description: 'Début du nom ou de l’adresse' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'Pour une note interne : les services de l’État seulement' })
  @IsOptional()
  @Type(() => String)
  @IsIn(['true', 'false'])
  interne?: 'true' | 'false';
}

export class CreateMessageInput {
  @ApiProperty({ maxLength: MESSAGE_MAX_LENGTH, description: 'Texte brut ; les liens http(s) sont rendus comme liens' })
  @IsString()
  @MaxLength(MESSAGE_MAX_LENGTH * 2)
  texte!: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: MESSAGE_MAX_MENTIONS, description: 'Comptes mentionnés (« @Prénom Nom » dans le texte)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MESSAGE_MAX_MENTIONS, { message: `Au plus ${MESSAGE_MAX_MENTIONS} personnes mentionnées.` })
  @IsUUID('all', { each: true, message: 'Identifiant de personne invalide.' })
  mentions?: string[];

  @ApiPropertyOptional({ description: 'Note interne des services de l’État (préfecture, SGAR, ANCT)' })
  @IsOptional()
  @IsBoolean()
  interne?: boolean;
}

export class UpdateMessageInput {
  @ApiProperty({ maxLength: MESSAGE_MAX_LENGTH })
  @IsString()
  @MaxLength(MESSAGE_MAX_LENGTH * 2)
  texte!: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: MESSAGE_MAX_MENTIONS })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MESSAGE_MAX_MENTIONS, { message: `Au plus ${MESSAGE_MAX_MENTIONS} personnes mentionnées.` })
  @IsUUID('all', { each: true, message: 'Identifiant de personne invalide.' })
  mentions?: string[];

  @ApiProperty({ description: 'Version lue' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}

export class AddPieceJointeInput {
  @ApiPropertyOptional({ description: 'Titre (par défaut : le nom du fichier)' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  titre?: string;
}

// Answers

export class DiscussionPersonneDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  /** « Prénom Nom (organisation) ». */
  @ApiProperty() libelle!: string;
  @ApiProperty() nom!: string;
}

export class DiscussionPieceJointeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() titre!: string;
  @ApiProperty() nomFichier!: string;
  @ApiProperty() typeMime!: string;
  @ApiProperty() taille!: number;
  @ApiProperty() url!: string;
}

export class DiscussionSuppressionDto {
  @ApiProperty() le!: string;
  @ApiProperty() par!: string;
}

export class DiscussionMessageDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) auteurId!: string | null;
  /** « Prénom Nom (organisation) ». */
  @ApiProperty() auteur!: string;
  /** Empty once deleted. */
  @ApiProperty() texte!: string;
  @ApiProperty() interne!: boolean;
  @ApiProperty() creeLe!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Présent quand le message a été modifié' }) modifieLe!: string | null;
  @ApiProperty({ type: DiscussionSuppressionDto, nullable: true }) supprime!: DiscussionSuppressionDto | null;
  @ApiProperty({ type: [DiscussionPersonneDto] }) mentions!: DiscussionPersonneDto[];
  @ApiProperty({ type: [DiscussionPieceJointeDto] }) piecesJointes!: DiscussionPieceJointeDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Jusqu’à quand son auteur peut le modifier (null : plus modifiable par vous)' }) modifiableJusqua!: string | null;
  @ApiProperty({ description: 'Vous pouvez le supprimer (vous en êtes l’auteur)' }) supprimable!: boolean;
  @ApiProperty() version!: number;
}

export class DiscussionFilDto {
  @ApiProperty({ enum: DISCUSSION_ITEM_TYPES }) itemType!: DiscussionItemType;
  @ApiProperty({ format: 'uuid' }) itemId!: string;
  @ApiProperty() itemLibelle!: string;
  /** The messages the caller reads, newest first. */
  @ApiProperty({ type: [DiscussionMessageDto] }) messages!: DiscussionMessageDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Curseur de la page suivante (messages plus anciens)' }) suivant!: string | null;
  /** Messages the caller reads in the thread (deleted ones included): internal notes counted for the State's services only. */
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'Vous pouvez écrire une note interne (services de l’État)' }) peutEcrireNoteInterne!: boolean;
}
