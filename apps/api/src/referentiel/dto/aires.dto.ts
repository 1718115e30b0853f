import { ApiProperty } from '@nestjs/swagger';

export class AireDto {
  @ApiProperty() code!: string;
  @ApiProperty() nom!: string;
}

export class AireDepartementDto extends AireDto {
  @ApiProperty() regionCode!: string;
}

/** Régions and départements, by code, with their names from the référentiel. */
export class AiresDto {
  @ApiProperty({ type: [AireDto] }) regions!: AireDto[];
  @ApiProperty({ type: [AireDepartementDto] }) departements!: AireDepartementDto[];
}
