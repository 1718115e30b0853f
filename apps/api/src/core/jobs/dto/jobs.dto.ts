import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { SizedPageQuery } from '../../http/page-query';
import { JOB_STATES, type JobState } from '../jobs.service';

export class JobDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Nom technique de la tâche, par exemple maintenance.purge-sessions' }) name!: string;
  @ApiProperty({ description: 'Libellé de la tâche' }) label!: string;
  @ApiProperty({ enum: JOB_STATES, enumName: 'JobState' }) state!: JobState;
  @ApiProperty({ format: 'date-time' }) createdOn!: string;
  @ApiProperty({ format: 'date-time', description: 'Pas avant (tâche planifiée ou nouvelle tentative)' }) startAfter!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedOn!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedOn!: string | null;
  @ApiProperty({ description: 'Nouvelles tentatives déjà faites' }) retryCount!: number;
  @ApiProperty({ description: 'Nouvelles tentatives permises' }) retryLimit!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Dernière erreur (en échec, ou en attente de nouvelle tentative)' }) error!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Avancement : éléments traités' }) done!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Avancement : éléments à traiter' }) total!: number | null;
  @ApiProperty({ nullable: true, type: Object, description: 'Résultat (tâche terminée)' }) output!: unknown;
  @ApiProperty({ description: 'Archivée (terminée depuis longtemps) : lecture seule' }) archived!: boolean;
}

export class JobPageDto {
  @ApiProperty({ type: [JobDto] }) items!: JobDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ type: [String], description: 'Noms des tâches connues, pour le filtre' }) names!: string[];
}

export class JobsQuery extends SizedPageQuery {
  @ApiPropertyOptional({ enum: JOB_STATES, enumName: 'JobState' })
  @IsOptional()
  @IsIn(JOB_STATES, { message: 'État inconnu : created, retry, active, completed, cancelled ou failed.' })
  state?: JobState;

  @ApiPropertyOptional({ description: 'Nom technique de la tâche' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9._-]{1,99}$/, { message: 'Nom de tâche invalide.' })
  name?: string;
}

export class JobIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Identifiant de tâche invalide.' })
  id!: string;
}
