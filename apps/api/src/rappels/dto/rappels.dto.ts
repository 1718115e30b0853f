import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsIsoDay } from '../../core/http/iso-day';

export class VerificationRappelsInput {
  @ApiPropertyOptional({ type: String, format: 'date', description: 'Jour à vérifier (AAAA-MM-JJ) ; aujourd’hui en France par défaut', example: '2027-03-12' })
  @IsOptional()
  @IsIsoDay()
  date?: string;
}

export class VerificationRappelsDto {
  @ApiProperty({ description: 'La tâche mise en file (page des tâches : son résultat)' }) jobId!: string;
  @ApiProperty({ type: String, format: 'date', description: 'Le jour vérifié' }) date!: string;
}
