import { ApiProperty } from '@nestjs/swagger';

export class DensiteRejectedLineDto {
  @ApiProperty() line!: number;
  @ApiProperty({ type: String, nullable: true }) insee!: string | null;
  @ApiProperty() message!: string;
}

export class DensiteImportResultDto {
  @ApiProperty() totalLines!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() unchanged!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty({ type: [DensiteRejectedLineDto] }) lines!: DensiteRejectedLineDto[];
}
