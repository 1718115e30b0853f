import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NOTIFICATION_DELIVERIES, NOTIFICATION_KINDS, type NotificationDelivery, type NotificationKind } from '@suivi-pvd/domain';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Max, Min } from 'class-validator';
import { SizedPageQuery } from '../../core/http/page-query';

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS, enumName: 'NotificationKind' }) kind!: NotificationKind;
  @ApiProperty({ description: 'Libellé du type de notification' }) kindLabel!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, nullable: true }) body!: string | null;
  @ApiProperty({ description: 'Type de l’élément concerné (convention, dossier, import…)' }) itemType!: string;
  @ApiProperty() itemId!: string;
  @ApiProperty() itemLabel!: string;
  @ApiProperty({ description: 'Chemin de l’élément dans l’application web' }) itemPath!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) dossierId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Auteur de l’action (null : le système)' }) actorName!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt!: string | null;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items!: NotificationDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ description: 'Notifications non lues (toutes pages)' }) unread!: number;
}

export class UnreadCountDto {
  @ApiProperty() unread!: number;
}

export class MarkedReadDto {
  @ApiProperty({ description: 'Notifications marquées comme lues par cet appel' }) marked!: number;
}

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class NotificationsQuery extends SizedPageQuery {
  @ApiPropertyOptional({ description: 'Seulement les non lues' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'nonLues vaut true ou false.' })
  nonLues?: boolean;
}

export class NotificationIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Identifiant de notification invalide.' })
  id!: string;
}

export class PreferenceDto {
  @ApiProperty({ enum: NOTIFICATION_KINDS, enumName: 'NotificationKind' }) kind!: NotificationKind;
  @ApiProperty() label!: string;
  @ApiProperty({ enum: NOTIFICATION_DELIVERIES, enumName: 'NotificationDelivery', description: 'Choix en vigueur' }) delivery!: NotificationDelivery;
  @ApiProperty({ enum: NOTIFICATION_DELIVERIES, enumName: 'NotificationDelivery', description: 'Valeur par défaut de vos rôles' }) defaultDelivery!: NotificationDelivery;
  @ApiProperty({ description: 'Vrai si vous avez fait un choix (sinon la valeur par défaut s’applique)' }) chosen!: boolean;
  @ApiProperty({ description: 'Version de votre choix (0 : aucun choix encore)' }) version!: number;
}

export class PreferencesDto {
  @ApiProperty({ type: [PreferenceDto] }) items!: PreferenceDto[];
}

export class PreferenceKindParam {
  @ApiProperty({ enum: NOTIFICATION_KINDS, enumName: 'NotificationKind' })
  @IsIn(NOTIFICATION_KINDS as unknown as string[], { message: 'Type de notification inconnu.' })
  kind!: NotificationKind;
}

export class PreferenceInput {
  @ApiProperty({ enum: NOTIFICATION_DELIVERIES, enumName: 'NotificationDelivery' })
  @IsIn(NOTIFICATION_DELIVERIES as unknown as string[], { message: 'Choix inconnu : immediat, quotidien, hebdomadaire ou aucun.' })
  delivery!: NotificationDelivery;

  @ApiProperty({ description: 'Version lue avant la modification (0 : aucun choix encore)' })
  @IsInt({ message: 'Version invalide.' })
  @Min(0)
  @Max(2_147_483_647)
  version!: number;
}

export class UnsubscribeQuery {
  @ApiProperty({ description: 'Jeton signé du lien de désabonnement' })
  @IsString({ message: 'Jeton manquant.' })
  @MaxLength(200, { message: 'Jeton invalide.' })
  jeton!: string;
}

export class UnsubscribeInfoDto {
  @ApiProperty({ description: 'Ce dont on se désabonne, en français' }) label!: string;
  @ApiProperty({ description: 'Adresse concernée, masquée' }) email!: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS, enumName: 'NotificationKind', isArray: true, description: 'Types concernés' }) kinds!: NotificationKind[];
  @ApiProperty({ description: 'Vrai si plus aucun de ces courriels n’est envoyé' }) done!: boolean;
}
