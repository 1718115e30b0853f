import { Module } from '@nestjs/common';

/** Thematic schemes and participations. */
@Module({})
export class DemarchesModule {}
