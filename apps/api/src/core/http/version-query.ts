import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** `?version=` of a DELETE: the version the client read, so a stale delete gets 409. */
export class VersionQuery {
  @ApiProperty({ description: 'Version lue' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}
